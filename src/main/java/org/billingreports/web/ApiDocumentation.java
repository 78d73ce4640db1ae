package org.billingreports.web;

import java.util.List;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.util.StringUtils;

import org.billingreports.security.Caller;

import org.billingreports.kernel.ErrorResponse;
import org.billingreports.kernel.RequestDto;

/**
 * The OpenAPI description of every route, at {@code /openapi.json} and browsable at
 * {@code /swagger-ui} (springdoc). Request DTOs are documented as JSON bodies (they may come as a
 * query string or a form too); every route may answer an error in ServiceStack's shape.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static {
		// The authenticated caller is not a parameter of the API.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	private static final String ERROR = ErrorResponse.class.getSimpleName();

	@Bean
	OpenAPI billingReportsApi() {
		return new OpenAPI()
			.info(new Info().title("Billing reports service")
				.version("1")
				.description("A compatible re-implementation of Evo Voice's POST /reports/billing, with the "
						+ "reference data, call record imports and users around it. Request bodies may also "
						+ "come as a query string or a form (ServiceStack conventions); add ?format=json "
						+ "or ?format=csv to choose the answer's format. Errors answer in ServiceStack's "
						+ "shape: {\"responseStatus\": {\"errorCode\", \"message\", \"errors\": [...]}}."))
			.components(new Components()
				.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
				.addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("An API key made with POST /users/{id}/api-keys")))
			.addSecurityItem(new SecurityRequirement().addList("basic"))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

	/** Routes grouped and named by their controller: tag "Report", operation "reportCreate". */
	@Bean
	OperationCustomizer namesFromControllers() {
		return (operation, handler) -> {
			String area = handler.getBeanType().getSimpleName().replace("Controller", "");
			return operation.tags(List.of(area))
				.operationId(StringUtils.uncapitalize(area) + StringUtils.capitalize(handler.getMethod().getName()));
		};
	}

	/**
	 * A {@link RequestDto} is read from a JSON body, a form or the query string (ServiceStack): it is
	 * documented as a request body of the first two, rather than as one query parameter.
	 */
	@Bean
	OperationCustomizer requestDtoBodies() {
		return (operation, handler) -> {
			for (MethodParameter parameter : handler.getMethodParameters()) {
				String name = parameter.getParameter().getName();
				if (!parameter.hasParameterAnnotation(RequestDto.class) || operation.getParameters() == null) {
					continue;
				}
				operation.getParameters()
					.stream()
					.filter(documented -> documented.getName().equals(name))
					.findFirst()
					.ifPresent(documented -> {
						operation.getParameters().remove(documented);
						MediaType dto = new MediaType().schema(documented.getSchema());
						operation.requestBody(new RequestBody().required(true)
							.content(new Content()
								.addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, dto)
								.addMediaType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED_VALUE,
										dto)));
					});
			}
			return operation;
		};
	}

	/** Every route may fail: 400, 401, 403, 404, 409, 413, 422, 429 or 503, always in this shape. */
	@Bean
	OpenApiCustomizer serviceStackErrors() {
		return openApi -> {
			ModelConverters.getInstance(true).readAll(ErrorResponse.class).forEach(openApi.getComponents()::addSchemas);
			ApiResponse error = new ApiResponse()
				.description("The request failed: 400 invalid, 401 no or wrong credentials, 403 not allowed, "
						+ "404 unknown (or another tenant's), 409 conflicting state, 413 too large, "
						+ "422 idempotency key reused, 429 too many, 503 stopping")
				.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR))));
			openApi.getPaths()
				.values()
				.stream()
				.flatMap(path -> path.readOperations().stream())
				.map(Operation::getResponses)
				.forEach(responses -> responses.addApiResponse("default", error));
		};
	}

}
