package org.billingreports.calls;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.billingreports.rating.Direction;

import static org.assertj.core.api.Assertions.assertThat;

class DirectionRulesTest {

	private final DirectionRules rules = DirectionRules.of(List.of("from-pstn.*", "public", " "),
			List.of("from-internal.*"), "\\+?[0-9]{2,6}", Direction.OUTBOUND);

	@Test
	void theAccountsOwnNumbersDecideFirst() {
		AccountNumbers numbers = new AccountNumbers(Map.of("+12125550100", "acme"), "1");
		// A call to one of the account's numbers from elsewhere is inbound, whatever the context says.
		assertThat(this.rules.of("from-internal", "4155550123", "2125550100", numbers)).isEqualTo(Direction.INBOUND);
		assertThat(this.rules.of("from-pstn", "+1 212 555 0100", "011442079460000", numbers))
			.isEqualTo(Direction.OUTBOUND);
		// Both or neither of the account's: left to the extensions, then the context.
		assertThat(this.rules.of("from-pstn", "2125550100", "12125550100", numbers)).isEqualTo(Direction.INBOUND);
	}

	@Test
	void thenTheExtensionsAnExtensionCallingOutIsOutboundAndACallToAnExtensionInbound() {
		assertThat(this.rules.of("office", "1001", "004930123456")).isEqualTo(Direction.OUTBOUND);
		assertThat(this.rules.of("office", "004930123456", "1001")).isEqualTo(Direction.INBOUND);
		assertThat(this.rules.of(null, null, "+1001")).isEqualTo(Direction.INBOUND);
		// FreeSWITCH's public context carries an extension's calls out too (its sample: 2001 dials 14082186575).
		assertThat(this.rules.of("public", "2001", "14082186575")).isEqualTo(Direction.OUTBOUND);
		assertThat(this.rules.of("from-pstn-custom", "1001", "+4930123456")).isEqualTo(Direction.OUTBOUND);
	}

	@Test
	void thenTheContextMatchedWholeAndIgnoringCase() {
		assertThat(this.rules.of("PUBLIC", "1001", "1002")).isEqualTo(Direction.INBOUND);
		assertThat(this.rules.of(" from-internal ", "+4930123456", "+4930999")).isEqualTo(Direction.OUTBOUND);
		assertThat(this.rules.of("from-pstn-custom", "+4930123456", "+4930999")).isEqualTo(Direction.INBOUND);
		// Not a whole match: the fallback.
		assertThat(this.rules.of("my-from-pstn", "+4930123456", "+4930999")).isEqualTo(Direction.OUTBOUND);
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
