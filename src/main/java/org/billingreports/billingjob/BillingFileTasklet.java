package org.billingreports.billingjob;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountRepository;
import org.billingreports.accounts.Customer;
import org.billingreports.accounts.CustomerRepository;
import org.billingreports.accounts.PhoneNumberRepository;
import org.billingreports.accounts.PhoneNumberRepository.NumberCounts;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.Pricing;
import org.billingreports.ratedecks.ReportDecks;
import org.billingreports.rating.BillingLine;
import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.CustomerUsage;
import org.billingreports.rating.EffectiveSettings;
import org.billingreports.rating.ItemUsage;
import org.billingreports.rating.LineCalculator;
import org.billingreports.statement.BillingFiles;
import org.billingreports.statement.Statement;
import org.billingreports.statement.StatementCustomer;
import org.billingreports.statement.StatementRepository;

/**
 * The second step: sums the report's billing rows per customer and item (in the database), prices
 * them with each customer's effective settings (prorated as the account says), stores the statement
 * with its lines and what it billed from ({@link VersionInputs}), and writes the billing file. It holds
 * one line per customer and item, never a call record. Running it again rewrites all of it, so a restart
 * after a failure here is safe.
 */
class BillingFileTasklet implements Tasklet {

	/** Customers by name, case-insensitively, then by id ({@code api.md}, Billing). */
	static final Comparator<Customer> FILE_ORDER = fileOrder(Customer::name, Customer::id);

	/** The file's order of customers, whatever holds their name and id. */
	static <T> Comparator<T> fileOrder(Function<T, String> name, Function<T, String> id) {
		return Comparator.comparing(name, String.CASE_INSENSITIVE_ORDER).thenComparing(id);
	}

	private final ReportToBill report;

	private final AccountRepository accounts;

	private final CustomerRepository customers;

	private final PhoneNumberRepository phoneNumbers;

	private final BillingRowRepository rows;

	private final StatementRepository statements;

	private final BillingFiles files;

	private final Clock clock;

	private final ReportDecks decks;

	private final VersionInputs inputs;

	BillingFileTasklet(ReportToBill report, AccountRepository accounts, CustomerRepository customers,
			PhoneNumberRepository phoneNumbers, BillingRowRepository rows, StatementRepository statements,
			BillingFiles files, Clock clock, ReportDecks decks, VersionInputs inputs) {
		this.inputs = inputs;
		this.decks = decks;
		this.report = report;
		this.accounts = accounts;
		this.customers = customers;
		this.phoneNumbers = phoneNumbers;
		this.rows = rows;
		this.statements = statements;
		this.files = files;
		this.clock = clock;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		String accountId = this.report.accountId();
		Account account = this.accounts.find(accountId)
			.orElseThrow(() -> new IllegalStateException("account " + accountId + " no longer exists"));
		Map<String, String> decks = this.decks.labelsByCustomer(this.report.run());
		// Only a report priced by decks can have calls that matched no prefix: others skip the two counts.
		String pricingNote = decks.isEmpty() ? null : settleUnmatchedCalls(account);
		List<Customer> all = this.customers.findByAccount(accountId);
		// Prices come down the whole tree, even when the report covers only a subtree of it.
		EffectiveSettings settings = new EffectiveSettings(this.accounts.settingsOf(accountId),
				all.stream().map(Customer::node).toList());
		Set<String> scope = this.report.scope();
		List<Customer> billed = new ArrayList<>(
				all.stream().filter(customer -> scope == null || scope.contains(customer.id())).toList());
		billed.sort(FILE_ORDER);
		BillingRowRepository.Usage rated = this.rows.usage(this.report.run());
		Map<String, Map<BillingItem, ItemUsage>> usage = rated.byCustomer();
		Map<String, NumberCounts> numbers = this.phoneNumbers.countsByCustomer(accountId);
		Statement statement = new Statement(this.report.run(), accountId, account.name(), account.timeZoneId(),
				account.currency(), this.report.startDate(), this.report.endDate(), this.report.period(),
				this.report.includeCustomerIds(), account.prorating(),
				this.clock.instant().truncatedTo(ChronoUnit.SECONDS));
		LocalDate firstDay = statement.firstDay();
		LocalDate lastDay = statement.lastDay();

		List<StatementRepository.CustomerLine> written = new ArrayList<>();
		List<StatementCustomer> considered = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		int customersBilled = 0;
		for (Customer customer : billed) {
			NumberCounts counts = numbers.getOrDefault(customer.id(), NumberCounts.NONE);
			CustomerUsage customerUsage = new CustomerUsage(usage.getOrDefault(customer.id(), Map.of()),
					counts.local(), counts.tollFree());
			BillingSettings prices = account.prorating().apply(settings.of(customer.id()), firstDay, lastDay);
			List<BillingLine> customerLines = LineCalculator.lines(customerUsage, prices);
			BigDecimal subtotal = BigDecimal.ZERO.setScale(LineCalculator.AMOUNT_SCALE);
			for (BillingLine line : customerLines) {
				written.add(new StatementRepository.CustomerLine(customer.id(), customer.name(), line,
						rated.pricedByDeck(customer.id(), line.item()) ? decks.get(customer.id()) : null));
				subtotal = subtotal.add(line.amount());
			}
			considered.add(new StatementCustomer(considered.size() + 1, customer.id(), customer.name(),
					customer.parentCustomerId(), subtotal));
			total = total.add(subtotal);
			customersBilled += customerLines.isEmpty() ? 0 : 1;
		}
		this.statements.replace(statement, this.inputs.billed(this.report), considered, written);
		// In this step's transaction: the file is in place only if the lines it was made from are.
		this.files.rewrite(statement.run());
		ExecutionContext jobContext = chunkContext.getStepContext().getStepExecution().getJobExecution()
			.getExecutionContext();
		new ReportSummary(customersBilled, rated.calls(), total, account.currency(), pricingNote)
			.putInto(jobContext);
		return RepeatStatus.FINISHED;
	}

	/**
	 * Calls that matched no prefix of their rate deck fail the report, or, when the account says so, are
	 * billed at its fallback rate (also on the restart of a report that failed for them).
	 * @return what the summary says of them, or {@code null} when there are none
	 */
	private String settleUnmatchedCalls(Account account) {
		BillingRowRepository.Unpriced unmatched = this.rows.priced(this.report.run(), Pricing.UNMATCHED);
		if (unmatched != null) {
			if (!account.rating().billsUnmatchedAtFallback()) {
				throw new UnmatchedCallsException(unmatched.describe() + ": add the prefixes to the deck and run a new "
						+ "report, or set the account's rating.unmatchedCalls to fallback");
			}
			this.rows.billAtFallback(this.report.run(), account.rating().fallbackRate());
		}
		BillingRowRepository.Unpriced fallback = this.rows.priced(this.report.run(), Pricing.FALLBACK);
		return (fallback != null) ? fallback.describe() + ", billed at the fallback rate" : null;
	}

	/** Billable calls matched no prefix of their deck, and the account does not bill them at a fallback rate. */
	static final class UnmatchedCallsException extends RuntimeException {

		UnmatchedCallsException(String message) {
			super(message);
		}

	}

}
