package org.billingreports.support;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/** What the service answered. */
public record ApiResponse(int status, String body, HttpHeaders headers) {

	public JsonNode json() {
		return Api.JSON.readTree(this.body);
	}

	public String header(String name) {
		return this.headers.firstValue(name).orElse(null);
	}

	@Override
	public String toString() {
		return this.status + " " + this.body;
	}

}
