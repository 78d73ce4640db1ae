package org.billingreports.servicestack;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The ServiceStack names in the OpenAPI description: each REST operation says which request DTO it
 * is ({@code x-servicestack-dto}), and the pre-defined routes {@code /api/{dto}},
 * {@code /json/reply/{dto}} and {@code /json/oneway/{dto}} are described once each, with the DTO
 * names they take.
 */
@Configuration(proxyBeanMethods = false)
class ServiceStackApiDocumentation {

	static final String EXTENSION = "x-servicestack-dto";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	OpenApiCustomizer serviceStackNames() {
		return openApi -> {
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				List<String> names = RequestDtos.namesOf(method.name(), path);
				if (!names.isEmpty()) {
					operation.addExtension(EXTENSION, String.join(", ", names));
				}
			}));
			List<String> names = RequestDtos.all().stream().map(RequestDtos.RequestDto::name).toList();
			openApi.getPaths()
				.addPathItem("/api/{dto}", predefined("serviceStackApi", "The request DTO's REST route, as JSON",
						names, false))
				.addPathItem("/json/reply/{dto}", predefined("serviceStackReply",
						"The same as /api/{dto}", names, false))
				.addPathItem("/json/oneway/{dto}", predefined("serviceStackOneway",
						"Runs the request DTO's REST route and answers 204", names, true));
			openApi.getInfo()
				.description(openApi.getInfo().getDescription() + " ServiceStack's pre-defined routes run every "
						+ "request DTO by name: /api/{dto}, /json/reply/{dto} (the answer as JSON) and "
						+ "/json/oneway/{dto} (204); GET /api lists them. The DTOs: " + RequestDtos.all()
							.stream()
							.map(dto -> dto.name() + " (" + dto.method().name() + " " + dto.path() + ")")
							.collect(Collectors.joining(", "))
						+ ".");
		};
	}

	private static PathItem predefined(String operationId, String summary, List<String> names, boolean oneWay) {
		ApiResponses responses = new ApiResponses();
		if (oneWay) {
			responses.addApiResponse("204", new ApiResponse().description("Run"));
		}
		else {
			responses.addApiResponse("200", new ApiResponse().description("What the DTO's REST route answers")
				.content(new Content().addMediaType("application/json", new MediaType().schema(new ObjectSchema()))));
		}
		Schema<Object> fields = new ObjectSchema().description("The request DTO's fields (also as a query string "
				+ "or a form); read as JSON whatever the Content-Type");
		Operation operation = new Operation().operationId(operationId)
			.tags(List.of("ServiceStack"))
			.summary(summary)
			.addParametersItem(new PathParameter().name("dto")
				.required(true)
				.schema(new StringSchema()._enum(names))
				.description("A request DTO's name, in any case"))
			.requestBody(new RequestBody().content(new Content().addMediaType("application/json",
					new MediaType().schema(fields))))
			.responses(responses)
			.extensions(Map.of("x-servicestack-verbs", "every verb the DTO takes; see GET /api"));
		return new PathItem().post(operation);
	}

}
