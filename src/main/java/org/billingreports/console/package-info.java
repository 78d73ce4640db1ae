/**
 * The operator console: server-rendered pages (Thymeleaf) for browsers at {@code /} and
 * {@code /console/**}, signed in with the API's own session sign-in, calling the same services as the
 * API (no logic of its own beyond presenting). Live parts refresh with htmx, served from the jar.
 * An entry point: nothing imports this package.
 */
package org.billingreports.console;
