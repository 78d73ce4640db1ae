package org.billingreports.rating;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BillingPeriodTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void datesAreWholeDaysInclusiveInTheAccountsZone() {
		assertThat(BillingPeriod.startOf("2026-07-01", NEW_YORK)).isEqualTo(Instant.parse("2026-07-01T04:00:00Z"));
		assertThat(BillingPeriod.endOf("2026-07-31", NEW_YORK)).isEqualTo(Instant.parse("2026-08-01T04:00:00Z"));
		// Across the change to winter time the day is 25 hours long.
		assertThat(BillingPeriod.endOf("2026-11-01", NEW_YORK)).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
	}

	@Test
	void dateTimesAreTakenAsGivenAndLocalOnesInTheAccountsZone() {
		assertThat(BillingPeriod.startOf("2026-07-01T10:00:00Z", NEW_YORK))
			.isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
		assertThat(BillingPeriod.endOf("2026-07-01T10:00:00+02:00", NEW_YORK))
			.isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
		assertThat(BillingPeriod.startOf("2026-07-01T10:00", NEW_YORK))
			.isEqualTo(Instant.parse("2026-07-01T14:00:00Z"));
		assertThat(BillingPeriod.startOf("2026-07-01 10:00:00", NEW_YORK))
			.isEqualTo(Instant.parse("2026-07-01T14:00:00Z"));
	}

	@Test
	void anythingElseIsNotADate() {
		assertThatExceptionOfType(DateTimeParseException.class)
			.isThrownBy(() -> BillingPeriod.startOf("01/07/2026", NEW_YORK));
		assertThatExceptionOfType(DateTimeParseException.class)
			.isThrownBy(() -> BillingPeriod.startOf("2026-02-30", NEW_YORK));
	}

	@Test
	void anEndDateBeforeTheStartDateIsReversed() {
		assertThat(period("2026-07-02", "2026-07-01").endsBeforeItStarts("2026-07-01")).isTrue();
		assertThat(period("2026-07-01", "2026-07-01").endsBeforeItStarts("2026-07-01")).isFalse();
		assertThat(period("2026-07-01T10:00:00Z", "2026-07-01T09:59:59Z").endsBeforeItStarts("2026-07-01T09:59:59Z"))
			.isTrue();
		assertThat(period("2026-07-01T10:00:00Z", "2026-07-01T10:00:00Z").endsBeforeItStarts("2026-07-01T10:00:00Z"))
			.isFalse();
	}

	@Test
	void atMost366Days() {
		assertThat(period("2024-01-01", "2024-12-31").exceedsDays(NEW_YORK, 366)).isFalse(); // 366, a leap year
		assertThat(period("2025-01-01", "2026-01-01").exceedsDays(NEW_YORK, 366)).isFalse(); // 366
		assertThat(period("2025-01-01", "2026-01-02").exceedsDays(NEW_YORK, 366)).isTrue(); // 367
	}

	private static BillingPeriod period(String start, String end) {
		return new BillingPeriod(BillingPeriod.startOf(start, NEW_YORK), BillingPeriod.endOf(end, NEW_YORK));
	}

}
