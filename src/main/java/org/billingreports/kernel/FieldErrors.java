package org.billingreports.kernel;

import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with a request so that one 400 names every faulty field. */
public final class FieldErrors {

	private final List<ResponseError> errors = new ArrayList<>();

	public FieldErrors add(String fieldName, String errorCode, String message) {
		this.errors.add(new ResponseError(errorCode, fieldName, message));
		return this;
	}

	/** A value that must be given: {@code NotEmpty} when it is missing or blank. */
	public FieldErrors required(String fieldName, String value) {
		if (value == null || value.isBlank()) {
			add(fieldName, "NotEmpty", fieldName + " is required");
		}
		return this;
	}

	/** Names and labels are printed in files and mails: no line breaks, tabs or other control characters. */
	public FieldErrors printable(String fieldName, String value) {
		if (value != null && value.chars().anyMatch(Character::isISOControl)) {
			add(fieldName, "InvalidCharacters", fieldName + " must not contain control characters");
		}
		return this;
	}

	/** A page of a listing: {@code skip} 0 or more, {@code take} 1 to {@code maxTake}. */
	public FieldErrors page(int skip, int take, int maxTake) {
		if (skip < 0) {
			add("skip", "GreaterThanOrEqual", "skip must be 0 or more");
		}
		if (take < 1 || take > maxTake) {
			add("take", "InclusiveBetween", "take must be between 1 and " + maxTake);
		}
		return this;
	}

	public boolean has(String fieldName) {
		return this.errors.stream().anyMatch(error -> error.fieldName().equals(fieldName));
	}

	public boolean isEmpty() {
		return this.errors.isEmpty();
	}

	public void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw ApiException.validation(this.errors);
		}
	}

}
