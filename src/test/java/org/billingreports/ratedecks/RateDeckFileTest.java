package org.billingreports.ratedecks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.billingreports.kernel.ApiException;
import org.billingreports.rating.BillingItem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateDeckFileTest {

	private static InputStream text(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void linesKeepTheirNumbersPastBlankLinesAndColumnsComeInAnyOrder() throws IOException {
		List<RateDeckFile.RateLine> lines = new ArrayList<>();
		RateDeckFile.Result result = RateDeckFile.read(text("\uFEFFRate,Prefix,Description,ConnectFee,RateUnitSeconds,"
				+ "FirstIncrementSeconds,NextIncrementSeconds,MinimumCharge,EffectiveFrom\r\n"
				+ "0.05,44,UK,0,60,1,1,0,2026-01-01\r\n\r\n0.07,33,France,0,60,60,60,0,2026-01-01\r\n"),
				BillingItem.OUTBOUND_SMS_MESSAGES, ZoneId.of("Europe/Paris"), lines::add);
		assertThat(result.rates()).isEqualTo(2);
		assertThat(lines).extracting(RateDeckFile.RateLine::lineNumber).containsExactly(2L, 4L);
		assertThat(lines.get(1).prefix()).isEqualTo("33");
		assertThat(lines.get(1).item()).isEqualTo(BillingItem.OUTBOUND_SMS_MESSAGES);
		assertThat(lines.get(1).effectiveFrom()).hasToString("2025-12-31T23:00:00Z");
	}

	@Test
	void aDeckHasAtMostHalfAMillionRates() {
		byte[] header = (String.join(",", RateDeckFile.REQUIRED) + "\n").getBytes(StandardCharsets.UTF_8);
		byte[] line = "44,UK,0,0.05,60,1,1,0,2026-01-01\n".getBytes(StandardCharsets.UTF_8);
		List<InputStream> parts = new ArrayList<>();
		parts.add(new ByteArrayInputStream(header));
		for (int i = 0; i <= RateDeckFile.MAX_RATES; i++) {
			parts.add(new ByteArrayInputStream(line));
		}
		long[] read = { 0 };
		assertThatThrownBy(() -> RateDeckFile.read(new SequenceInputStream(Collections.enumeration(parts)),
				BillingItem.OUTBOUND_VOICE_CALLS, ZoneId.of("UTC"), rate -> read[0]++))
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("at most 500000 rate lines");
		assertThat(read[0]).as("the first line; the rest repeat it").isEqualTo(1);
	}

}
