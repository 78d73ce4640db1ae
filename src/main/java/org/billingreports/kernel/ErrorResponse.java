package org.billingreports.kernel;

import java.util.List;

/**
 * ServiceStack's error body:
 * {@code {"responseStatus":{"errorCode":"…","message":"…","errors":[{"errorCode":"…","fieldName":"…","message":"…"}]}}}.
 */
public record ErrorResponse(ResponseStatus responseStatus) {

	public record ResponseStatus(String errorCode, String message, List<ResponseError> errors) {
	}

	public static ErrorResponse of(String errorCode, String message, List<ResponseError> errors) {
		return new ErrorResponse(new ResponseStatus(errorCode, message, List.copyOf(errors)));
	}

}
