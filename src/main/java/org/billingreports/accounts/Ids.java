package org.billingreports.accounts;

import java.util.UUID;

/** Client-chosen ids ({@code api.md}, Roles and tenants): letters, digits, '-' and '_', so they sit safely in a URL. */
public final class Ids {

	public static final String PATTERN = "[A-Za-z0-9_-]{1,64}";

	public static final String MESSAGE = "ids are 1 to 64 letters, digits, '-' or '_'";

	private Ids() {
	}

	/** The given id, or a new one when the client gave none. */
	public static String orNew(String id) {
		return (id == null || id.isBlank()) ? UUID.randomUUID().toString() : id;
	}

}
