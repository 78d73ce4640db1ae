package org.billingreports.rating;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CallRaterTest {

	@ParameterizedTest(name = "{0} billable seconds are {1} minutes")
	@CsvSource({ "0,0", "1,1", "59,1", "60,1", "61,2", "119,2", "120,2", "121,3", "3600,60" })
	void voiceIsBilledPerStartedMinute(long billableSeconds, long minutes) {
		RatedCall rated = CallRater.rate(Channel.VOICE, Direction.OUTBOUND, "completed", billableSeconds,
				new BigDecimal("0.02"));
		assertThat(rated.units()).isEqualTo(minutes);
		assertThat(rated.item()).isEqualTo(BillingItem.OUTBOUND_VOICE_CALLS);
		assertThat(rated.rawCost()).isEqualByComparingTo("0.02");
	}

	@ParameterizedTest(name = "status {0} bills nothing")
	@CsvSource({ "no-answer", "busy", "failed", "canceled", "''" })
	void onlyCompletedCallsAreBillable(String status) {
		RatedCall rated = CallRater.rate(Channel.VOICE, Direction.INBOUND, status, 300, new BigDecimal("0.50"));
		assertThat(rated.units()).isZero();
		assertThat(rated.rawCost()).isZero();
		assertThat(rated.item()).isEqualTo(BillingItem.INBOUND_VOICE_CALLS);
	}

	@Test
	void completedIsCaseInsensitive() {
		assertThat(CallRater.rate(Channel.SMS, Direction.INBOUND, "Completed", 0, BigDecimal.ONE).units()).isOne();
	}

	@Test
	void smsAndFaxAreOneUnitWhateverTheirSeconds() {
		assertThat(CallRater.rate(Channel.SMS, Direction.INBOUND, "completed", 0, BigDecimal.ZERO))
			.isEqualTo(new RatedCall(BillingItem.INBOUND_SMS_MESSAGES, 1, BigDecimal.ZERO));
		assertThat(CallRater.rate(Channel.SMS, Direction.OUTBOUND, "completed", 500, new BigDecimal("0.0075")))
			.isEqualTo(new RatedCall(BillingItem.OUTBOUND_SMS_MESSAGES, 1, new BigDecimal("0.0075")));
		assertThat(CallRater.rate(Channel.FAX, Direction.INBOUND, "completed", 95, BigDecimal.ONE))
			.isEqualTo(new RatedCall(BillingItem.INBOUND_FAXES, 1, BigDecimal.ONE));
		assertThat(CallRater.rate(Channel.FAX, Direction.OUTBOUND, "completed", 0, BigDecimal.TEN))
			.isEqualTo(new RatedCall(BillingItem.OUTBOUND_FAXES, 1, BigDecimal.TEN));
	}

	@Test
	void anAnsweredCallWithoutBillableSecondsKeepsItsCarrierCost() {
		RatedCall rated = CallRater.rate(Channel.VOICE, Direction.OUTBOUND, "completed", 0, new BigDecimal("0.001"));
		assertThat(rated.units()).isZero();
		assertThat(rated.rawCost()).isEqualByComparingTo("0.001");
	}

}
