package org.billingreports.support;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;

/** What the service answered. */
public record ApiResponse(int status, byte[] bytes, HttpHeaders headers) {

	public String body() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

	public byte[] bodyBytes() {
		return this.bytes.clone();
	}

	public JsonNode json() {
		return Api.JSON.readTree(body());
	}

	public String header(String name) {
		return this.headers.firstValue(name).orElse(null);
	}

	@Override
	public String toString() {
		return this.status + " " + body();
	}

}
