package org.billingreports.web;

import java.util.List;

import jakarta.validation.Validator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;

import org.billingreports.BillingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final JsonMapper jsonMapper;

	private final Validator validator;

	private final BillingProperties properties;

	WebConfiguration(JsonMapper jsonMapper, Validator validator, BillingProperties properties) {
		this.jsonMapper = jsonMapper;
		this.validator = validator;
		this.properties = properties;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new RequestDtoArgumentResolver(this.jsonMapper, this.validator,
				this.properties.limits().maxRequestBytes().toBytes()));
	}

	/** Money goes out as written, 12.50, never as 1.25E+1. */
	@Bean
	static JsonMapperBuilderCustomizer plainDecimals() {
		return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
	}

}
