package org.billingreports.web;

import java.util.List;

import jakarta.validation.Validator;
import org.apache.catalina.core.StandardHost;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.billingreports.kernel.ErrorResponseWriter;
import org.billingreports.kernel.RequestLimits;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final JsonMapper jsonMapper;

	private final Validator validator;

	private final RequestLimits limits;

	WebConfiguration(JsonMapper jsonMapper, Validator validator, RequestLimits limits) {
		this.jsonMapper = jsonMapper;
		this.validator = validator;
		this.limits = limits;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new RequestDtoArgumentResolver(this.jsonMapper, this.validator,
				this.limits.maxRequestBytes().toBytes()));
	}

	/**
	 * Money goes out as written, 12.50, never as 1.25E+1; and a number or a boolean where text belongs
	 * is a wrong type, not text (a name of 12.5 is a mistake of the client's).
	 */
	@Bean
	static JsonMapperBuilderCustomizer strictJson() {
		return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
			.withCoercionConfig(LogicalType.Textual,
					config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	/** Requests Spring Security's firewall refuses: an unsupported method is a 405, anything else a 400. */
	@Bean
	static RequestRejectedHandler unsupportedMethods(ErrorResponseWriter errors) {
		return new UnsupportedMethods(errors);
	}

	/** Errors Tomcat answers by itself come in the ServiceStack shape as well. */
	@Bean
	static WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
		return factory -> factory.addContextCustomizers(
				context -> ((StandardHost) context.getParent()).setErrorReportValveClass(
						JsonErrorReportValve.class.getName()));
	}

}
