package org.billingreports.security;

/** The roles ({@code api.md}, Roles and tenants), named as Evo names them. */
public enum Role {

	/** Every account. */
	SystemAdministrator,
	/** The account it belongs to. */
	Manager,
	/** One customer of one account, and that customer's descendants. */
	Customer;

	public String authority() {
		return "ROLE_" + name();
	}

	/** @return the role, or {@code null} when the text names none */
	public static Role parse(String text) {
		for (Role role : values()) {
			if (role.name().equalsIgnoreCase(text)) {
				return role;
			}
		}
		return null;
	}

}
