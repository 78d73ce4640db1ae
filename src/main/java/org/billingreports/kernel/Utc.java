package org.billingreports.kernel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as the database stores them: {@code TIMESTAMP WITH TIME ZONE} at offset 0, whatever the JVM's zone. */
public final class Utc {

	private Utc() {
	}

	/** The instant at offset 0, for a JDBC parameter; {@code null} for none. */
	public static OffsetDateTime of(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
