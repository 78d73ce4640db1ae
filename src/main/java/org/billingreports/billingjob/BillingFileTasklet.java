package org.billingreports.billingjob;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.billingreports.rating.BillingLine;
import org.billingreports.rating.CustomerUsage;
import org.billingreports.rating.EffectiveSettings;
import org.billingreports.rating.ItemUsage;
import org.billingreports.rating.LineCalculator;

/**
 * The second step: sums the report's billing rows per customer and item (in the database), prices
 * them with each customer's effective settings, stores the lines and writes the billing file. It
 * holds one line per customer and item, never a call record. Running it again rewrites both, so a
 * restart after a failure here is safe.
 */
class BillingFileTasklet implements Tasklet {

	/** Customers by name, case-insensitively, then by id (SPEC section 8). */
	static final Comparator<Customer> FILE_ORDER = Comparator.comparing(Customer::name, String.CASE_INSENSITIVE_ORDER)
		.thenComparing(Customer::id);

	private final ReportToBill report;

	private final AccountRepository accounts;

	private final CustomerRepository customers;

	private final PhoneNumberRepository phoneNumbers;

	private final BillingRowRepository rows;

	private final BillingLineRepository lines;

	private final ReportFiles files;

	BillingFileTasklet(ReportToBill report, AccountRepository accounts, CustomerRepository customers,
			PhoneNumberRepository phoneNumbers, BillingRowRepository rows, BillingLineRepository lines,
			ReportFiles files) {
		this.report = report;
		this.accounts = accounts;
		this.customers = customers;
		this.phoneNumbers = phoneNumbers;
		this.rows = rows;
		this.lines = lines;
		this.files = files;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		String accountId = this.report.accountId();
		Account account = this.accounts.find(accountId)
			.orElseThrow(() -> new IllegalStateException("account " + accountId + " no longer exists"));
		List<Customer> all = this.customers.findByAccount(accountId);
		// Prices come down the whole tree, even when the report covers only a subtree of it.
		EffectiveSettings settings = new EffectiveSettings(this.accounts.settingsOf(accountId),
				all.stream().map(Customer::node).toList());
		Set<String> scope = this.report.scope();
		List<Customer> billed = new ArrayList<>(
				all.stream().filter(customer -> scope == null || scope.contains(customer.id())).toList());
		billed.sort(FILE_ORDER);
		Map<String, Map<BillingItem, ItemUsage>> usage = this.rows.usageByCustomer(this.report.id());
		Map<String, NumberCounts> numbers = this.phoneNumbers.countsByCustomer(accountId);

		List<BillingLineRepository.CustomerLine> written = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		int customersBilled = 0;
		try (BillingFileWriter file = new BillingFileWriter(this.files.file(this.report.id()),
				this.report.includeCustomerIds())) {
			for (Customer customer : billed) {
				NumberCounts counts = numbers.getOrDefault(customer.id(), NumberCounts.NONE);
				CustomerUsage customerUsage = new CustomerUsage(usage.getOrDefault(customer.id(), Map.of()),
						counts.local(), counts.tollFree());
				List<BillingLine> customerLines = LineCalculator.lines(customerUsage, settings.of(customer.id()));
				for (BillingLine line : customerLines) {
					file.write(customer.name(), customer.id(), line);
					written.add(new BillingLineRepository.CustomerLine(customer.id(), customer.name(), line));
					total = total.add(line.amount());
				}
				customersBilled += customerLines.isEmpty() ? 0 : 1;
			}
			this.lines.replace(this.report.id(), written);
			file.commit();
		}
		ExecutionContext jobContext = chunkContext.getStepContext().getStepExecution().getJobExecution()
			.getExecutionContext();
		new ReportSummary(customersBilled, this.rows.count(this.report.id()), total, account.currency())
			.putInto(jobContext);
		return RepeatStatus.FINISHED;
	}

}
