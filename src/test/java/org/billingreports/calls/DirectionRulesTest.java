package org.billingreports.calls;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.billingreports.rating.Direction;

import static org.assertj.core.api.Assertions.assertThat;

class DirectionRulesTest {

	private final DirectionRules rules = DirectionRules.of(List.of("from-pstn.*", "public", " "),
			List.of("from-internal.*"), "\\+?[0-9]{2,6}", Direction.OUTBOUND);

	@Test
	void theContextDecidesFirstMatchedWholeAndIgnoringCase() {
		assertThat(this.rules.of("from-pstn-custom", "1001", "+4930123456")).isEqualTo(Direction.INBOUND);
		assertThat(this.rules.of("PUBLIC", "1001", "1002")).isEqualTo(Direction.INBOUND);
		assertThat(this.rules.of(" from-internal ", "+4930123456", "1001")).isEqualTo(Direction.OUTBOUND);
		// Not a whole match: left to the numbers.
		assertThat(this.rules.of("my-from-pstn", "1001", "+4930123456")).isEqualTo(Direction.OUTBOUND);
		assertThat(this.rules.of("publicity", "+4930123456", "1001")).isEqualTo(Direction.INBOUND);
	}

	@Test
	void thenTheNumbersAnExtensionCallingOutIsOutboundAndACallToAnExtensionInbound() {
		assertThat(this.rules.of("office", "1001", "004930123456")).isEqualTo(Direction.OUTBOUND);
		assertThat(this.rules.of("office", "004930123456", "1001")).isEqualTo(Direction.INBOUND);
		assertThat(this.rules.of(null, null, "+1001")).isEqualTo(Direction.INBOUND);
	}

	@Test
	void elseTheFallback() {
		DirectionRules inboundByDefault = DirectionRules.of(List.of(), List.of(), "[0-9]{3}", Direction.INBOUND);
		assertThat(inboundByDefault.of("office", "101", "102")).isEqualTo(Direction.INBOUND);
		assertThat(inboundByDefault.of("office", "004930123456", "s")).isEqualTo(Direction.INBOUND);
		assertThat(inboundByDefault.of("", null, null)).isEqualTo(Direction.INBOUND);
		assertThat(this.rules.of("office", "101", "102")).isEqualTo(Direction.OUTBOUND);
	}

}
