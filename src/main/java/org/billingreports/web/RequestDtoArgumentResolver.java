package org.billingreports.web;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.RequestValidation;
import org.billingreports.kernel.RequestDto;
import org.billingreports.kernel.SelfValidating;

/** Resolves {@link RequestDto} parameters. */
class RequestDtoArgumentResolver implements HandlerMethodArgumentResolver {

	private final JsonMapper jsonMapper;

	private final Validator validator;

	private final long maxBytes;

	RequestDtoArgumentResolver(JsonMapper jsonMapper, Validator validator, long maxBytes) {
		// Property names match whatever their case, as ServiceStack matches them: {"AccountId": …}.
		this.jsonMapper = jsonMapper.rebuild().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES).build();
		this.validator = validator;
		this.maxBytes = maxBytes;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(RequestDto.class);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws IOException {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		Class<?> type = parameter.getParameterType();
		ObjectNode fields = this.jsonMapper.createObjectNode();
		// Query string and, for form posts, the form body; then the JSON body, which wins.
		for (Map.Entry<String, String[]> parameterValues : request.getParameterMap().entrySet()) {
			fields.put(propertyName(type, parameterValues.getKey()), parameterValues.getValue()[0]);
		}
		jsonBody(request).properties().forEach(field -> fields.set(propertyName(type, field.getKey()), field.getValue()));
		isoDates(fields);
		Object dto = bind(fields, type);
		validate(dto);
		return dto;
	}

	/** The DTO's own name for a property named in any case, so that a later source overrides an earlier one. */
	private static String propertyName(Class<?> type, String name) {
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (component.getName().equalsIgnoreCase(name)) {
					return component.getName();
				}
			}
		}
		return name;
	}

	/** ServiceStack's {@code /Date(ms)/} dates become ISO-8601 text, everywhere in the request. */
	private static void isoDates(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				JsonNode value = object.get(name);
				if (value.isString()) {
					object.put(name, WcfDates.toIso(value.asString()));
				}
				else {
					isoDates(value);
				}
			}
		}
		else if (node != null && node.isArray()) {
			node.forEach(RequestDtoArgumentResolver::isoDates);
		}
	}

	private ObjectNode jsonBody(HttpServletRequest request) throws IOException {
		MediaType contentType = contentType(request);
		if (contentType == null || MediaType.APPLICATION_FORM_URLENCODED.includes(contentType)) {
			return this.jsonMapper.createObjectNode();
		}
		if (!MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				&& !contentType.getSubtype().endsWith("+json")) {
			throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType",
					"Send the request as application/json, as a form or as query-string parameters, not "
							+ contentType);
		}
		// A body sent without a length is limited here, as it is read.
		byte[] bytes = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1));
		if (bytes.length > this.maxBytes) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "RequestTooLarge",
					"The request body is larger than the " + this.maxBytes + " bytes this route accepts");
		}
		String body = new String(bytes, StandardCharsets.UTF_8);
		if (body.isBlank()) {
			return this.jsonMapper.createObjectNode();
		}
		JsonNode node;
		try {
			node = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw ApiException.badRequest("SerializationException",
					"The request body is not valid JSON: " + ex.getOriginalMessage());
		}
		if (!(node instanceof ObjectNode object)) {
			throw ApiException.badRequest("SerializationException", "The request body must be a JSON object");
		}
		return object;
	}

	private static MediaType contentType(HttpServletRequest request) {
		String header = request.getContentType();
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return MediaType.parseMediaType(header);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest("InvalidContentType", "Content-Type '" + header + "' is not a media type");
		}
	}

	private Object bind(ObjectNode fields, Class<?> type) {
		try {
			return this.jsonMapper.treeToValue(fields, type);
		}
		catch (JacksonException ex) {
			List<JacksonException.Reference> path = ex.getPath();
			String field = path.isEmpty() ? null : path.get(path.size() - 1).getPropertyName();
			if (field == null) {
				throw ApiException.badRequest("SerializationException", "The request could not be read");
			}
			throw ApiException.invalidField(field, "InvalidValue",
					"'" + field + "' has a value of the wrong type or format");
		}
	}

	private void validate(Object dto) {
		RequestValidation.check(this.validator, dto);
	}

}
