package org.billingreports.scheduling;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountRepository;
import org.billingreports.rating.BillingPeriod;
import org.billingreports.report.Report;
import org.billingreports.report.ReportLauncher;
import org.billingreports.report.ReportRepository;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.ServiceProperties;

/**
 * Nightly billing: at {@code billing.nightly.cron} in {@code billing.nightly.zone}, one report per
 * account with nightly billing on, for the previous day in the account's time zone. The report's id
 * comes from (account, day), so it is also its job instance's identifying parameter: however many
 * nodes fire, the report is stored once and its job instance launched once. Nights missed while
 * every node was down are caught up at start-up, each once, up to {@code billing.nightly.catch-up-days}.
 */
@Component
public class NightlyRuns {

	private static final Logger log = LoggerFactory.getLogger(NightlyRuns.class);

	public static final String CREATED_BY = "nightly";

	private final AccountRepository accounts;

	private final ReportRepository reports;

	private final ReportLauncher launcher;

	private final NightlyProperties properties;

	private final boolean background;

	private final Clock clock;

	NightlyRuns(AccountRepository accounts, ReportRepository reports, ReportLauncher launcher,
			NightlyProperties properties, ServiceProperties service, Clock clock) {
		this.accounts = accounts;
		this.reports = reports;
		this.launcher = launcher;
		this.properties = properties;
		this.background = service.background();
		this.clock = clock;
	}

	@Scheduled(cron = "${billing.nightly.cron:0 30 1 * * *}", zone = "${billing.nightly.zone:UTC}")
	void nightly() {
		runFor(this.clock.instant());
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStartup() {
		if (this.background) {
			catchUp(this.clock.instant());
		}
	}

	/** The run of the night of {@code now}: yesterday, in each account's zone. */
	public void runFor(Instant now) {
		for (Account account : this.accounts.withNightlyBilling()) {
			ensure(account, LocalDate.ofInstant(now, account.zone()).minusDays(1));
		}
	}

	/**
	 * The nights since each account's last completed nightly run, up to yesterday and at most
	 * {@code catch-up-days} back; an account without one gets yesterday's.
	 */
	public void catchUp(Instant now) {
		int days = this.properties.catchUpDays();
		for (Account account : this.accounts.withNightlyBilling()) {
			LocalDate yesterday = LocalDate.ofInstant(now, account.zone()).minusDays(1);
			LocalDate earliest = yesterday.minusDays(Math.max(0, days - 1));
			LocalDate from = this.reports.lastCompletedNightly(account.id()).map(last -> last.plusDays(1))
				.orElse(yesterday);
			if (from.isBefore(earliest)) {
				from = earliest;
			}
			for (LocalDate day = from; !day.isAfter(yesterday); day = day.plusDays(1)) {
				ensure(account, day);
			}
		}
	}

	/** When the next nightly run after {@code now} starts, on the schedule {@code billing.nightly.cron}. */
	public Instant nextRun(Instant now) {
		ZonedDateTime next = CronExpression.parse(this.properties.cron())
			.next(now.atZone(ZoneId.of(this.properties.zone())));
		return (next != null) ? next.toInstant() : null;
	}

	/** The same id on every node, for the same account and day. */
	public static String reportId(String accountId, LocalDate day) {
		return UUID.nameUUIDFromBytes(("nightly:" + accountId + ":" + day).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	/** Stores and launches the account's report of {@code day}, unless a node did so already. */
	private void ensure(Account account, LocalDate day) {
		String id = reportId(account.id(), day);
		if (this.reports.findRow(id).isPresent()) {
			return;
		}
		ZoneId zone = account.zone();
		String date = day.toString();
		Report report = new Report(id, account.id(), "Nightly billing " + account.name() + " " + date, date, date,
				new BillingPeriod(BillingPeriod.startOf(date, zone), BillingPeriod.endOf(date, zone)), true,
				account.nightlyBilling().emailAddressToNotify(), account.nightlyBilling().webhookUrl(), CREATED_BY,
				null, null, day, this.clock.instant());
		try {
			this.reports.insert(report, null);
		}
		catch (DuplicateKeyException anotherNodeWasFirst) {
			return;
		}
		try {
			this.launcher.launch(ReportVersion.first(id));
			log.info("Nightly billing of account {} for {} launched as report {}", account.id(), day, id);
		}
		catch (Exception ex) {
			// The identifying parameter makes a second launch of the same job instance impossible.
			log.info("Nightly billing of account {} for {} was launched by another node: {}", account.id(), day,
					ex.getMessage());
		}
	}

}
