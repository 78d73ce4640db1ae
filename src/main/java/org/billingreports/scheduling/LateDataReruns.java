package org.billingreports.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountRepository;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.report.LateNightly;
import org.billingreports.report.ReportRepository;
import org.billingreports.report.ReportService;

/**
 * Nightly reports follow late data: for an account whose {@code nightlyBilling.lateData} is {@code rerun}
 * (the default), a nightly report out of date for late or corrected call records gets a new version once
 * those have stopped moving for {@code billing.nightly.rerun-quiet-period} (a file arriving in pieces makes
 * one rerun, not ten), and at the latest {@code rerun-max-delay} after the first of them, if its day is
 * within {@code rerun-window} days. Looked for every {@code rerun-check-interval} on every node; one node
 * makes each version (a version is made only while none of the report runs), and only for the version
 * that was marked: a failed rerun waits for a person's restart.
 */
@Component
public class LateDataReruns {

	private static final Logger log = LoggerFactory.getLogger(LateDataReruns.class);

	private final AccountRepository accounts;

	private final ReportRepository reports;

	private final ReportService service;

	private final NightlyProperties properties;

	private final Clock clock;

	LateDataReruns(AccountRepository accounts, ReportRepository reports, ReportService service,
			NightlyProperties properties, Clock clock) {
		this.accounts = accounts;
		this.reports = reports;
		this.service = service;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${billing.nightly.rerun-check-interval:1m}",
			initialDelayString = "${billing.nightly.rerun-check-interval:1m}")
	void check() {
		rerunDue(this.clock.instant());
	}

	/** @return the versions this node made */
	public List<ReportVersion> rerunDue(Instant now) {
		List<ReportVersion> made = new ArrayList<>();
		for (Account account : this.accounts.withNightlyBilling()) {
			if (!account.nightlyBilling().rerunsLateData()) {
				continue;
			}
			LocalDate earliest = LocalDate.ofInstant(now, account.zone()).minusDays(this.properties.rerunWindow());
			for (LateNightly late : this.reports.lateNightly(account.id(), earliest)) {
				boolean quiet = !late.lastChanged().plus(this.properties.rerunQuietPeriod()).isAfter(now);
				boolean waitedLongEnough = !late.since().plus(this.properties.rerunMaxDelay()).isAfter(now);
				if (quiet || waitedLongEnough) {
					rerun(late).ifPresent(made::add);
				}
			}
		}
		return made;
	}

	private Optional<ReportVersion> rerun(LateNightly late) {
		try {
			Optional<ReportVersion> made = this.service.rerunAutomatically(late.run());
			made.ifPresent(version -> log.info("Nightly report {} was out of date for late or corrected call records "
					+ "since {}: version {} launched", late.run().reportId(), late.since(), version.version()));
			return made;
		}
		catch (ApiException refused) {
			// The account has as many reports running as it may, or this node's queue is full: next time.
			log.info("Nightly report {} is due for a rerun, not made now: {}", late.run(), refused.getMessage());
			return Optional.empty();
		}
		catch (Exception ex) {
			log.warn("Nightly report {} is due for a rerun, which failed to launch: {}", late.run(), ex.toString());
			return Optional.empty();
		}
	}

}
