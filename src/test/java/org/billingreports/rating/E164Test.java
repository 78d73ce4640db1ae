package org.billingreports.rating;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class E164Test {

	@ParameterizedTest(name = "{0} with country code {1} is {2}")
	@CsvSource(delimiter = '|', nullValues = "null", value = {
			"+1 (212) 555-0100 | 1 | +12125550100",
			"2125550100 | 1 | +12125550100",
			"12125550100 | 1 | +12125550100",
			"1-212-555-0100 | 1 | +12125550100",
			"14082186575 | 1 | +14082186575",
			"011442079460000 | 1 | +442079460000",
			"00442079460000 | 1 | +442079460000",
			"020 7946 0000 | 44 | +442079460000",
			"00 1 212 555 0100 | 44 | +12125550100",
			"sip:+12125550100@pbx.example.com | null | +12125550100",
			"12125550100 | null | +12125550100",
			"2125550100 | null | null",
			"1001 | 1 | null",
			"2001 | null | null",
			"555-0100 | 1 | null",
			"anonymous | 1 | null",
			"+0123456789 | 1 | null",
			"' ' | 1 | null" })
	void aSwitchNumberIsReadInE164(String raw, String countryCode, String expected) {
		assertThat(E164.of(raw, countryCode)).isEqualTo(expected);
	}

}
