package org.billingreports.billingjob;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.ratedecks.ReportDecks;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingLine;
import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.CustomerUsage;
import org.billingreports.rating.DeckRater;
import org.billingreports.rating.Decimals;
import org.billingreports.rating.ItemSettings;
import org.billingreports.rating.ItemUsage;
import org.billingreports.rating.LineCalculator;
import org.billingreports.rating.Pricing;
import org.billingreports.rating.Proration;
import org.billingreports.rating.RateDeck;
import org.billingreports.statement.BillingFiles;
import org.billingreports.statement.Statement;
import org.billingreports.statement.StatementRepository;

/**
 * {@code verifyReportJob}'s step: rates the records a version billed (the same revisions) again, in this
 * JVM with the billing arithmetic of {@code rating} (not the SQL the job rated them with), priced with the
 * decks it was pinned to and the inputs it kept, and compares: each call with the billing row the version
 * stored for it, and the billing file made from these lines with the one made from its stored lines. The
 * first differences are recorded, a person's sentence each.
 */
class VersionVerification implements Tasklet {

	/** Differences listed; the rest are counted. */
	static final int SHOWN = 10;

	private static final int FETCH_SIZE = 5000;

	private final String verificationId;

	private final Verifications verifications;

	private final StatementRepository statements;

	private final ReportDecks decks;

	private final BillingFiles files;

	private final JdbcTemplate jdbc;

	VersionVerification(String verificationId, Verifications verifications, StatementRepository statements,
			ReportDecks decks, BillingFiles files, DataSource dataSource) {
		this.verificationId = verificationId;
		this.verifications = verifications;
		this.statements = statements;
		this.decks = decks;
		this.files = files;
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(FETCH_SIZE);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ReportVersion run = this.verifications.find(this.verificationId)
			.orElseThrow(() -> new IllegalStateException("verification " + this.verificationId + " is gone"))
			.run();
		Statement statement = this.statements.find(run)
			.orElseThrow(() -> new IllegalStateException("report " + run + " has no statement"));
		Map<String, Object> inputs = VersionInputs.read(this.statements.inputs(run)
			.orElseThrow(() -> new IllegalStateException("report " + run + " was billed before its inputs were kept")));
		List<String> differences = new ArrayList<>();
		Map<String, Map<BillingItem, ItemUsage>> usage = rateAgain(run, inputs, differences);
		List<StatementRepository.CustomerLine> lines = lines(statement, inputs, usage);
		compareFiles(statement, lines, differences);
		this.verifications.record(this.verificationId, differences.isEmpty(), differences);
		return RepeatStatus.FINISHED;
	}

	/** Each billed record rated again and compared with its stored row; their usage per customer and item. */
	@SuppressWarnings("unchecked")
	private Map<String, Map<BillingItem, ItemUsage>> rateAgain(ReportVersion run, Map<String, Object> inputs,
			List<String> differences) {
		Map<String, Object> rating = (Map<String, Object>) inputs.get("rating");
		String countryCode = (String) rating.get("defaultCountryCode");
		boolean replaces = Boolean.TRUE.equals(rating.get("deckReplacesCarrierCost"));
		BigDecimal fallbackRate = "fallback".equals(rating.get("unmatchedCalls")) && rating.get("fallbackRate") != null
				? new BigDecimal((String) rating.get("fallbackRate")) : null;
		Map<String, RateDeck> decksByCustomer = this.decks.byCustomer(run);
		Map<String, Map<BillingItem, ItemUsage>> usage = new HashMap<>();
		long[] differing = { 0 };
		this.jdbc.query("SELECT b.customer_id AS billed_customer, b.item AS billed_item, b.units AS billed_units, "
				+ "b.raw_cost AS billed_raw_cost, c.call_id, c.customer_id, c.channel, c.direction, c.status, "
				+ "c.billable_seconds, c.carrier_cost, c.from_number, c.to_number, c.start_time FROM billing_row b "
				+ "JOIN call_record c ON c.id = b.call_record_id WHERE b.report_id = ? AND b.version = ? "
				+ "ORDER BY b.call_record_id", (RowCallbackHandler) rs -> {
					String customer = rs.getString("customer_id");
					DeckRater.PricedCall priced = DeckRating.price(rs, decksByCustomer.get(customer), countryCode,
							replaces);
					BillingItem item = priced.call().item();
					long units = priced.call().units();
					BigDecimal rawCost = priced.call().rawCost();
					if (priced.pricing() == Pricing.UNMATCHED && fallbackRate != null) {
						rawCost = BigDecimal.valueOf(units).multiply(fallbackRate);
					}
					boolean same = customer.equals(rs.getString("billed_customer"))
							&& item.code() == rs.getInt("billed_item") && units == rs.getLong("billed_units")
							&& rawCost.compareTo(rs.getBigDecimal("billed_raw_cost")) == 0;
					if (!same && differing[0]++ < SHOWN) {
						differences.add("call " + rs.getString("call_id") + ": stored " + rs.getLong("billed_units")
								+ " units, raw cost " + Decimals.plain(rs.getBigDecimal("billed_raw_cost")).toPlainString()
								+ "; rated again " + units + " units, raw cost " + Decimals.plain(rawCost).toPlainString());
					}
					usage.computeIfAbsent(customer, any -> new EnumMap<>(BillingItem.class))
						.merge(item, new ItemUsage(units, rawCost),
								(a, b) -> new ItemUsage(a.quantity() + b.quantity(), a.rawCost().add(b.rawCost())));
				}, run.reportId(), run.version());
		if (differing[0] > SHOWN) {
			differences.add("… and " + (differing[0] - SHOWN) + " more calls stored otherwise than they rate");
		}
		return usage;
	}

	/** The lines of the version's customers (as its inputs have them), priced with the inputs' prices. */
	@SuppressWarnings("unchecked")
	private static List<StatementRepository.CustomerLine> lines(Statement statement, Map<String, Object> inputs,
			Map<String, Map<BillingItem, ItemUsage>> usage) {
		Proration proration = Proration.parse((String) ((Map<String, Object>) inputs.get("account")).get("proration"));
		List<Map<String, Object>> customers = new ArrayList<>((List<Map<String, Object>>) inputs.get("customers"));
		customers.sort(BillingFileTasklet.fileOrder(customer -> (String) customer.get("name"),
				customer -> (String) customer.get("id")));
		List<StatementRepository.CustomerLine> lines = new ArrayList<>();
		for (Map<String, Object> customer : customers) {
			String id = (String) customer.get("id");
			Map<BillingItem, ItemUsage> calls = new EnumMap<>(BillingItem.class);
			usage.getOrDefault(id, Map.of())
				.forEach((item, used) -> calls.put(item, new ItemUsage(used.quantity(), used.rawCost().stripTrailingZeros())));
			CustomerUsage customerUsage = new CustomerUsage(calls, ((Number) customer.get("localNumbers")).longValue(),
					((Number) customer.get("tollFreeNumbers")).longValue());
			BillingSettings prices = proration.apply(settings((Map<String, Object>) customer.get("settings")),
					statement.firstDay(), statement.lastDay());
			for (BillingLine line : LineCalculator.lines(customerUsage, prices)) {
				lines.add(new StatementRepository.CustomerLine(id, (String) customer.get("name"), line, null));
			}
		}
		return lines;
	}

	@SuppressWarnings("unchecked")
	private static BillingSettings settings(Map<String, Object> items) {
		Map<BillingItem, ItemSettings> settings = new EnumMap<>(BillingItem.class);
		for (BillingItem item : BillingItem.values()) {
			Map<String, Object> prices = (Map<String, Object>) items.get(item.settingsField());
			settings.put(item, new ItemSettings(new BigDecimal((String) prices.get("baseCost")),
					new BigDecimal((String) prices.get("rawUnitMultiplier")), new BigDecimal((String) prices.get("unitCost")),
					((Number) prices.get("allowance")).longValue()));
		}
		return BillingSettings.of(settings);
	}

	/** The billing file of these lines against the one of the version's stored lines, line by line. */
	private void compareFiles(Statement statement, List<StatementRepository.CustomerLine> lines,
			List<String> differences) {
		String[] again = csv(statement, lines).split("\r\n", -1);
		String[] stored = csv(statement, this.statements.lines(statement.run())).split("\r\n", -1);
		int shown = 0;
		for (int i = 0; i < Math.max(again.length, stored.length); i++) {
			String was = (i < stored.length) ? stored[i] : "";
			String is = (i < again.length) ? again[i] : "";
			if (!was.equals(is) && shown++ < SHOWN) {
				differences.add("billing file line " + (i + 1) + ": stored \"" + was + "\", rated again \"" + is + "\"");
			}
		}
	}

	private String csv(Statement statement, List<StatementRepository.CustomerLine> lines) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.files.writeCsv(statement, lines, out);
		return out.toString(StandardCharsets.UTF_8);
	}

}
