package org.billingreports.kernel;

import java.lang.annotation.Annotation;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Checks a request DTO as every entry point does (the API's JSON, forms and query strings, and the
 * console's forms): its constraint annotations, then its own rules ({@link SelfValidating}); every
 * fault in one 400, with FluentValidation's error codes, which ServiceStack clients see.
 */
public final class RequestValidation {

	private RequestValidation() {
	}

	public static void check(Validator validator, Object dto) {
		FieldErrors errors = new FieldErrors();
		for (ConstraintViolation<Object> violation : validator.validate(dto)) {
			errors.add(violation.getPropertyPath().toString(),
					errorCode(violation.getConstraintDescriptor().getAnnotation()), violation.getMessage());
		}
		if (dto instanceof SelfValidating selfValidating) {
			selfValidating.validate(errors);
		}
		errors.throwIfAny();
	}

	private static String errorCode(Annotation constraint) {
		return switch (constraint.annotationType().getSimpleName()) {
			case "NotBlank", "NotEmpty" -> "NotEmpty";
			case "Size" -> "Length";
			case "Pattern" -> "RegularExpression";
			case "Email" -> "Email";
			case "Min", "PositiveOrZero", "DecimalMin" -> "GreaterThanOrEqual";
			case "Max", "DecimalMax" -> "LessThanOrEqual";
			default -> constraint.annotationType().getSimpleName();
		};
	}

}
