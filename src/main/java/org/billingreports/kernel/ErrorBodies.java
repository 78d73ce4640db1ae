package org.billingreports.kernel;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** How an error answer is written: JSON, or the HTML page for a browser that asks for HTML first. */
public final class ErrorBodies {

	private ErrorBodies() {
	}

	public static MediaType mediaType(HttpServletRequest request) {
		return prefersHtml(request.getHeader(HttpHeaders.ACCEPT)) ? MediaType.TEXT_HTML : MediaType.APPLICATION_JSON;
	}

	/**
	 * Whether {@code text/html} is named and ranks above JSON (which {@code *}{@code /*} stands for): a
	 * browser's {@code Accept}. Between equal qualities the one named first wins.
	 */
	static boolean prefersHtml(String accept) {
		if (accept == null || accept.isBlank()) {
			return false;
		}
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		double html = 0;
		double json = 0;
		int htmlAt = Integer.MAX_VALUE;
		int jsonAt = Integer.MAX_VALUE;
		for (int i = 0; i < accepted.size(); i++) {
			MediaType type = accepted.get(i);
			double quality = type.getQualityValue();
			if (type.equalsTypeAndSubtype(MediaType.TEXT_HTML) && quality > html) {
				html = quality;
				htmlAt = i;
			}
			else if (type.includes(MediaType.APPLICATION_JSON) && quality > json) {
				json = quality;
				jsonAt = i;
			}
		}
		return html > 0 && (html > json || (html == json && htmlAt < jsonAt));
	}

}
