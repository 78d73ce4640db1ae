package org.billingreports.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** FIPS 180-2's own example, whichever way the bytes come. */
class Sha256Test {

	private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	@Test
	void textBytesAndAFedDigestGiveTheStandardsValue() {
		assertThat(Sha256.hex("abc")).isEqualTo(ABC);
		assertThat(Sha256.hex("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(ABC);
		MessageDigest fed = Sha256.digest();
		fed.update("a".getBytes(StandardCharsets.UTF_8));
		fed.update("bc".getBytes(StandardCharsets.UTF_8));
		assertThat(Sha256.hex(fed)).isEqualTo(ABC);
	}

}
