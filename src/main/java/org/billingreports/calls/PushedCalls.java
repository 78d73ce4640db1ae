package org.billingreports.calls;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountRepository;
import org.billingreports.accounts.CustomerRepository;
import org.billingreports.accounts.PhoneNumberRepository;
import org.billingreports.changes.InputChanges;
import org.billingreports.kernel.ApiException;
import org.billingreports.rating.Channel;

/**
 * Stores call records one at a time as switches push them: mapped as the switch files are (customer by
 * account code, then the account's numbers, then the account's {@code defaultCustomerId}; direction by
 * numbers, extensions, context), stored once per call id (a leg posted again, whatever its values, is a
 * duplicate), and committed before the caller answers. A B leg is stored with status {@code b-leg}, never
 * billed. A record of a day that a report already covers is recorded as a change, as an import's are. A
 * record in the service's own shape ({@link #storeNative}) is stored the same way, its customer named.
 * <p>
 * What the mapping needs of an account (its customers and numbers) is kept for a few seconds: a switch
 * posts thousands of legs a second. A record whose customer is not found is looked at again with fresh
 * data before it is refused, so that a customer added a moment ago is found.
 */
@Component
public class PushedCalls {

	/** How long an account's customers and numbers are used before they are read again. */
	private static final Duration FRESH = Duration.ofSeconds(5);

	private static final String INSERT = "INSERT INTO call_record (" + CallRecordWriter.COLUMNS + ") "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

	/** What a push answers: the record as stored, now or before (a leg posted again gets the same answer). */
	public record Stored(String callId, String customerId, String status) {
	}

	/** The mapping rules of an account, as read at {@code readAt}. */
	private record AccountRules(ImportContext context, CustomerFinder customers, Instant readAt) {
	}

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final AccountRepository accounts;

	private final CustomerRepository customers;

	private final PhoneNumberRepository numbers;

	private final DirectionRules directions;

	private final InputChanges changes;

	private final Clock clock;

	private final Map<String, AccountRules> rules = new ConcurrentHashMap<>();

	PushedCalls(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, AccountRepository accounts,
			CustomerRepository customers, PhoneNumberRepository numbers, DirectionRules directions,
			InputChanges changes, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.accounts = accounts;
		this.customers = customers;
		this.numbers = numbers;
		this.directions = directions;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * Stores the leg as the account's call record, or finds it stored before.
	 * @throws RejectedLineException when it cannot be a call record of the account (no customer, a field too long)
	 * @throws ApiException 404 when the account does not exist
	 */
	public Stored store(String accountId, SwitchCall call) {
		return insert(accountId, mapped(accountId, context -> record(call, context)));
	}

	/**
	 * Stores a record given as the native format's fields by column name ({@code formats.md}, Call records in;
	 * times without an offset in the account's time zone), or finds it stored before.
	 * @throws RejectedLineException when it cannot be a call record of the account (a field missing or not
	 * valid, no such customer)
	 * @throws ApiException 404 when the account does not exist
	 */
	public Stored storeNative(String accountId, Map<String, String> fields) {
		return insert(accountId, mapped(accountId, context -> NativeFormat.record(fields, context.zone())));
	}

	private Stored insert(String accountId, CallRecord record) {
		return this.transactions.execute(status -> {
			boolean inserted = this.jdbc.update(INSERT,
					ps -> CallRecordWriter.bind(ps, record, accountId, null)) == 1;
			if (!inserted) {
				return stored(accountId, record.callId());
			}
			this.changes.callPushed(accountId, record.callId(), record.startTime());
			return new Stored(record.callId(), record.customer(), record.status());
		});
	}

	/** @throws ApiException 404 when the account does not exist */
	public void requireAccount(String accountId) {
		rules(accountId, false);
	}

	private CallRecord mapped(String accountId, Function<ImportContext, CallRecord> read) {
		AccountRules rules = rules(accountId, false);
		CallRecord record = read.apply(rules.context());
		try {
			return rules.customers().find(record);
		}
		catch (RejectedLineException ex) {
			if (rules.readAt().isAfter(this.clock.instant().minusMillis(100))) {
				throw ex;
			}
			return rules(accountId, true).customers().find(record);
		}
	}

	private static CallRecord record(SwitchCall call, ImportContext context) {
		String callId = Fields.required("uuid", call.callId(), 150);
		String from = Fields.optional("caller_id_number", call.from(), 64);
		String to = Fields.optional("destination_number", call.to(), 64);
		if (call.start() == null) {
			throw new RejectedLineException("the leg has no start time (start_epoch)");
		}
		String cause = Fields.optional("hangup_cause", call.hangupCause(), 30);
		String status = call.bLeg() ? SwitchCall.B_LEG
				: SwitchLines.freeSwitchStatus(call.answer() != null, call.billableSeconds(), cause);
		return new CallRecord(callId, call.accountCode(), Channel.VOICE,
				context.direction(call.dialplanContext(), from, to), from, to, SwitchLines.text(call.callerName()),
				call.start(), call.answer(), call.end(), call.durationSeconds(), call.billableSeconds(), status,
				BigDecimal.ZERO);
	}

	private AccountRules rules(String accountId, boolean fresh) {
		Instant now = this.clock.instant();
		AccountRules known = this.rules.get(accountId);
		if (!fresh && known != null && known.readAt().plus(FRESH).isAfter(now)) {
			return known;
		}
		Account account = this.accounts.find(accountId).orElseThrow(() -> ApiException.notFound("Account", accountId));
		AccountNumbers accountNumbers = new AccountNumbers(this.numbers.customersByNumber(accountId),
				account.defaultCountryCode());
		Map<String, String> customerIds = this.customers.idsByIdOrReference(accountId);
		String defaultCustomer = (account.defaultCustomerId() != null) ? customerIds.get(account.defaultCustomerId())
				: null;
		AccountRules read = new AccountRules(new ImportContext(account.zone(), this.directions, accountNumbers),
				new CustomerFinder(accountNumbers, customerIds, defaultCustomer, "the leg", "the account"), now);
		this.rules.put(accountId, read);
		return read;
	}

	/** The record stored before under that call id (its newest revision). */
	private Stored stored(String accountId, String callId) {
		return this.jdbc.queryForObject(
				"SELECT customer_id, status FROM call_record WHERE account_id = ? AND call_id = ? "
						+ "ORDER BY revision DESC FETCH FIRST 1 ROWS ONLY",
				(rs, row) -> new Stored(callId, rs.getString("customer_id"), rs.getString("status")), accountId,
				callId);
	}

}
