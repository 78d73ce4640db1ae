package org.billingreports.kernel;

/** ServiceStack's {@code ResponseError}: what is wrong with one field of a request. */
public record ResponseError(String errorCode, String fieldName, String message) {
}
