package org.billingreports.servicestack;

import java.time.Clock;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** ServiceStack's HTML format, after the JSON converter so that {@code *}{@code /*} still means JSON. */
@Configuration(proxyBeanMethods = false)
class ServiceStackConfiguration implements WebMvcConfigurer {

	private final JsonMapper jsonMapper;

	private final Clock clock;

	ServiceStackConfiguration(JsonMapper jsonMapper, Clock clock) {
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		converters.add(new HtmlFormat(this.jsonMapper, this.clock));
	}

}
