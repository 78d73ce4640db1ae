package org.billingreports.servicestack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;

/**
 * The request DTOs of the API by their ServiceStack names, each with the REST route it stands for:
 * what {@code /api/{Dto}}, {@code /json/reply/{Dto}} and {@code /json/oneway/{Dto}} run. Evo Voice
 * names {@code BillingReport}; the other names are ours, in ServiceStack's style (verb, then noun).
 */
final class RequestDtos {

	/**
	 * One request DTO.
	 * @param method the verb of its REST route
	 * @param path its REST route; {@code {name}} parts are filled from the DTO's fields of that name
	 * @param anyVerb whether the REST route takes every verb (ServiceStack's {@code Any}), as
	 * {@code BillingReport} does
	 * @param rawBody whether the body is passed on as sent (a call-record file) rather than read as JSON
	 */
	record RequestDto(String name, HttpMethod method, String path, boolean anyVerb, boolean rawBody) {

		private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

		/** The names of the fields that fill the route's path, in order. */
		List<String> pathVariables() {
			List<String> names = new ArrayList<>();
			Matcher matcher = VARIABLE.matcher(this.path);
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
			return names;
		}

		/** The route with its variables replaced by (already encoded) values. */
		String expand(Map<String, String> encodedValues) {
			Matcher matcher = VARIABLE.matcher(this.path);
			StringBuilder expanded = new StringBuilder();
			while (matcher.find()) {
				matcher.appendReplacement(expanded, Matcher.quoteReplacement(encodedValues.get(matcher.group(1))));
			}
			matcher.appendTail(expanded);
			return expanded.toString();
		}

		/**
		 * Whether a pre-defined route may run it with this verb: its own (any, for {@code Any}), and POST
		 * for one that only reads, since clients post a DTO that names no verb.
		 */
		boolean accepts(String verb) {
			return this.anyVerb || this.method.matches(verb)
					|| (HttpMethod.GET.equals(this.method) && HttpMethod.POST.matches(verb));
		}

		List<String> allowedVerbs() {
			if (this.anyVerb) {
				return List.of("GET", "POST", "PUT", "PATCH", "DELETE");
			}
			return HttpMethod.GET.equals(this.method) ? List.of("GET", "POST") : List.of(this.method.name());
		}

	}

	private static final Map<String, RequestDto> BY_NAME = new LinkedHashMap<>();

	static {
		any("BillingReport", HttpMethod.POST, "/reports/billing");
		one("ListReports", HttpMethod.GET, "/reports");
		one("GetReport", HttpMethod.GET, "/reports/{id}");
		one("DownloadReport", HttpMethod.GET, "/reports/{id}");
		one("GetReportLines", HttpMethod.GET, "/reports/{id}/lines");
		one("DownloadReportCalls", HttpMethod.GET, "/reports/{id}/calls.csv");
		one("RestartReport", HttpMethod.POST, "/reports/{id}/restart");
		one("RerunReport", HttpMethod.POST, "/reports/{id}/rerun");
		one("ListReportVersions", HttpMethod.GET, "/reports/{id}/versions");
		one("GetReportChanges", HttpMethod.GET, "/reports/{id}/changes");
		one("DownloadReportChanges", HttpMethod.GET, "/reports/{id}/changes.csv");
		one("DownloadReportAdjustment", HttpMethod.GET, "/reports/{id}/adjustment.csv");
		one("GetReportVersionManifest", HttpMethod.GET, "/reports/{id}/versions/{version}/manifest");
		one("VerifyReportVersion", HttpMethod.POST, "/reports/{id}/versions/{version}/verify");
		one("GetReportVerification", HttpMethod.GET, "/reports/{id}/versions/{version}/verifications/{verificationId}");
		one("StopReport", HttpMethod.POST, "/reports/{id}/stop");
		one("ResendNotification", HttpMethod.POST, "/reports/{id}/notifications/{notificationId}/resend");
		one("DeleteReport", HttpMethod.DELETE, "/reports/{id}");
		one("CreateAccount", HttpMethod.POST, "/accounts");
		one("ListAccounts", HttpMethod.GET, "/accounts");
		one("GetAccount", HttpMethod.GET, "/accounts/{id}");
		one("UpdateAccount", HttpMethod.PUT, "/accounts/{id}");
		one("CreateCustomer", HttpMethod.POST, "/customers");
		one("ListCustomers", HttpMethod.GET, "/customers");
		one("GetCustomer", HttpMethod.GET, "/customers/{id}");
		one("UpdateCustomer", HttpMethod.PUT, "/customers/{id}");
		one("CreatePhoneNumber", HttpMethod.POST, "/phone-numbers");
		one("ListPhoneNumbers", HttpMethod.GET, "/phone-numbers");
		one("DeletePhoneNumber", HttpMethod.DELETE, "/phone-numbers/{number}");
		BY_NAME.put("ImportCalls", new RequestDto("ImportCalls", HttpMethod.POST, "/calls/import", false, true));
		one("ListCallImports", HttpMethod.GET, "/calls/imports");
		one("GetCallImport", HttpMethod.GET, "/calls/imports/{id}");
		one("DownloadCallImportRejections", HttpMethod.GET, "/calls/imports/{id}/rejections.csv");
		one("RestartCallImport", HttpMethod.POST, "/calls/imports/{id}/restart");
		BY_NAME.put("UploadRateDeck", new RequestDto("UploadRateDeck", HttpMethod.POST, "/rate-decks", false, true));
		one("ListRateDecks", HttpMethod.GET, "/rate-decks");
		one("GetRateDeck", HttpMethod.GET, "/rate-decks/{id}");
		one("DownloadRateDeckRates", HttpMethod.GET, "/rate-decks/{id}/rates.csv");
		one("ListPushedLegRejections", HttpMethod.GET, "/calls/freeswitch/{accountId}/rejections");
		one("GetPushedLegRejection", HttpMethod.GET, "/calls/freeswitch/{accountId}/rejections/{id}");
		one("CreateSwitchCredential", HttpMethod.POST, "/accounts/{id}/switch-credentials");
		one("ListSwitchCredentials", HttpMethod.GET, "/accounts/{id}/switch-credentials");
		one("RevokeSwitchCredential", HttpMethod.DELETE, "/accounts/{id}/switch-credentials/{credentialId}");
		one("CreateUser", HttpMethod.POST, "/users");
		one("ListUsers", HttpMethod.GET, "/users");
		one("DeleteUser", HttpMethod.DELETE, "/users/{id}");
		one("CreateApiKey", HttpMethod.POST, "/users/{id}/api-keys");
		one("ListApiKeys", HttpMethod.GET, "/users/{id}/api-keys");
		one("RevokeApiKey", HttpMethod.DELETE, "/users/{id}/api-keys/{keyId}");
		any("Authenticate", HttpMethod.POST, "/auth");
		any("AuthenticateLogout", HttpMethod.POST, "/auth/logout");
		one("GetAuthStatus", HttpMethod.GET, "/auth/status");
	}

	private RequestDtos() {
	}

	private static void one(String name, HttpMethod method, String path) {
		BY_NAME.put(name, new RequestDto(name, method, path, false, false));
	}

	private static void any(String name, HttpMethod method, String path) {
		BY_NAME.put(name, new RequestDto(name, method, path, true, false));
	}

	/** The DTO of this name, matched as ServiceStack matches it: ignoring case. */
	static RequestDto find(String name) {
		for (RequestDto dto : BY_NAME.values()) {
			if (dto.name().equalsIgnoreCase(name)) {
				return dto;
			}
		}
		return null;
	}

	static List<RequestDto> all() {
		return Collections.unmodifiableList(new ArrayList<>(BY_NAME.values()));
	}

	/** The DTO names a REST route answers to, e.g. {@code GET /reports/{id}} → GetReport, DownloadReport. */
	static List<String> namesOf(String method, String path) {
		return BY_NAME.values()
			.stream()
			.filter(dto -> dto.method().name().equals(method.toUpperCase(Locale.ROOT)) && dto.path().equals(path))
			.map(RequestDto::name)
			.toList();
	}

}
