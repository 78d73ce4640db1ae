package org.billingreports.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.ratedecks.DeckUpload;
import org.billingreports.ratedecks.RateDecks;
import org.billingreports.security.Caller;

/**
 * A rate deck of N prefixes for the bench account's outbound calls (all to +1 646…): "1", "1646" and
 * prefixes of 5 to 9 digits under 1646, so that a lookup tries several lengths; uploaded as a client
 * would, then assigned with the deck replacing the generated carrier costs (so every answered outbound
 * call is looked up).
 */
final class BenchDeck {

	private BenchDeck() {
	}

	/** @return the upload's duration */
	static long install(ConfigurableApplicationContext context, Caller caller, int prefixes) throws Exception {
		SplittableRandom random = new SplittableRandom(20);
		Set<String> chosen = new LinkedHashSet<>();
		chosen.add("1");
		chosen.add("1646");
		while (chosen.size() < prefixes) {
			int digits = 1 + random.nextInt(5);
			chosen.add("1646" + String.format("%0" + digits + "d", random.nextInt((int) Math.pow(10, digits))));
		}
		StringBuilder csv = new StringBuilder("prefix,description,connectFee,rate,rateUnitSeconds,"
				+ "firstIncrementSeconds,nextIncrementSeconds,minimumCharge,effectiveFrom\n");
		for (String prefix : chosen) {
			csv.append(prefix).append(",Bench ").append(prefix).append(',')
				.append((prefix.length() % 2 == 0) ? "0" : "0.01").append(',')
				.append(String.format(Locale.ROOT, "0.%04d", 10 + random.nextInt(200))).append(",60,")
				.append((prefix.length() % 3 == 0) ? "30,6" : "60,60").append(",0,2026-01-01\n");
		}
		long start = System.nanoTime();
		DeckUpload upload = context.getBean(RateDecks.class).upload(new RateDecks.UploadRequest(BenchData.ACCOUNT,
				null, "Bench " + prefixes, null, "bench.csv"),
				new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), caller);
		long nanos = System.nanoTime() - start;
		if (upload.deck() == null || upload.rates() != prefixes) {
			throw new IllegalStateException("the bench deck was refused: " + upload.rejections());
		}
		context.getBean(JdbcClient.class)
			.sql("UPDATE account SET rate_deck_id = ?, deck_replaces_carrier_cost = TRUE WHERE id = ?")
			.params(upload.deck().id(), BenchData.ACCOUNT)
			.update();
		return nanos;
	}

	static void uninstall(ConfigurableApplicationContext context) {
		context.getBean(JdbcClient.class)
			.sql("UPDATE account SET rate_deck_id = NULL, deck_replaces_carrier_cost = FALSE WHERE id = ?")
			.param(BenchData.ACCOUNT)
			.update();
	}

}
