package org.billingreports.billingjob;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountRepository;
import org.billingreports.rating.RateDeck;
import org.billingreports.ratedecks.ReportDecks;

/** How a partition rates its ranges: through rate decks when any customer of the report has one. */
final class Ratings {

	private Ratings() {
	}

	static RangeRater.Rating of(ReportToBill report, ReportDecks decks, AccountRepository accounts,
			NamedParameterJdbcTemplate jdbc, DataSource dataSource, boolean h2) {
		ReportCalls calls = new ReportCalls(report);
		Map<String, RateDeck> byCustomer = decks.byCustomer(report.run());
		if (byCustomer.isEmpty()) {
			return new SqlRating(calls, jdbc, h2, null);
		}
		Account account = accounts.find(report.accountId())
			.orElseThrow(() -> new IllegalStateException("account " + report.accountId() + " no longer exists"));
		return new DeckRating(calls, jdbc, dataSource, h2, report.run(), new DeckRating.Settings(byCustomer,
				account.defaultCountryCode(), Boolean.TRUE.equals(account.rating().deckReplacesCarrierCost())));
	}

}
