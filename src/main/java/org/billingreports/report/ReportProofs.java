package org.billingreports.report;

import java.time.Duration;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.batch.JobCompletions;
import org.billingreports.batch.ReadableFailures;
import org.billingreports.billingjob.Verifications;
import org.billingreports.billingjob.VerifyJob;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.ServiceProperties;
import org.billingreports.security.Caller;
import org.billingreports.statement.Audience;
import org.billingreports.statement.StatementRepository;
import org.billingreports.statement.VersionManifests;

/**
 * How a completed version proves its total: its manifest, and a verification that rates its records again
 * with its kept inputs in a job of its own ({@code verifyReportJob}), answered at once when it ends within
 * {@code billing.limits.verify-answer-within}, else followed at its own address.
 */
@Component
class ReportProofs {

	/**
	 * A verification as the API shows it.
	 * @param identical absent until it ended
	 * @param differences the first differences, a sentence each (empty when identical)
	 * @param location where to follow it while it runs
	 */
	record VerificationInfo(String id, int version, ExecutionStatus status, Boolean identical,
			List<String> differences, String location, String statusMessage) {
	}

	private final ReportAccess access;

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final Job verifyJob;

	private final JobCompletions completions;

	private final Verifications verifications;

	private final VersionManifests manifests;

	private final StatementRepository statements;

	private final Duration answerWithin;

	private final String node;

	ReportProofs(ReportAccess access, JobRepository jobRepository, JobOperator jobOperator,
			@Qualifier(VerifyJob.NAME) Job verifyJob, JobCompletions completions, Verifications verifications,
			VersionManifests manifests, StatementRepository statements, ReportLimits limits, ServiceProperties service) {
		this.node = service.effectiveNodeName();
		this.access = access;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.verifyJob = verifyJob;
		this.completions = completions;
		this.verifications = verifications;
		this.manifests = manifests;
		this.statements = statements;
		this.answerWithin = limits.verifyAnswerWithin();
	}

	VersionManifests.Manifest manifest(String id, int version, Caller caller) {
		ReportVersion run = completed(id, version, caller);
		return this.manifests.of(run, caller.isCustomer() ? Audience.CUSTOMER : Audience.PROVIDER);
	}

	/**
	 * Rates the version again in a job of its own; the answer once it ended, or (when it runs longer than
	 * a request should wait) where to follow it.
	 */
	VerificationInfo verify(String id, int version, Caller caller) throws Exception {
		ReportVersion run = completed(id, version, caller);
		if (this.statements.inputs(run).isEmpty()) {
			throw ApiException.conflict("NotVerifiable", "Version " + version + " of report '" + id
					+ "' was billed before versions kept what they billed from; it cannot be rated again as it was");
		}
		String verificationId = this.verifications.create(run, caller.getUsername(), this.node);
		JobExecution execution = this.jobOperator.start(this.verifyJob, VerifyJob.parameters(verificationId));
		if (execution.getStatus() == BatchStatus.FAILED) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "QueueFull",
					"This server's job queue is full; try again in a few minutes");
		}
		this.completions.await(execution.getId(), this.answerWithin);
		return verification(id, version, verificationId, caller);
	}

	VerificationInfo verification(String id, int version, String verificationId, Caller caller) {
		ReportVersion run = this.access.visible(id, version, caller).run();
		Verifications.Verification verification = this.verifications.find(verificationId)
			.filter(found -> found.run().equals(run))
			.orElseThrow(() -> ApiException.notFound("Verification", verificationId));
		JobInstance instance = this.jobRepository.getJobInstance(VerifyJob.NAME, VerifyJob.parameters(verificationId));
		JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
		ExecutionStatus status = (last != null) ? this.completions.statusOf(last) : ExecutionStatus.Error;
		String message = switch (status) {
			case Queued -> "Waiting for a free job thread";
			case Running -> "Rating the version's calls again";
			case Completed -> Boolean.TRUE.equals(verification.identical()) ? "Identical: the same records and inputs "
					+ "make the same billing file" : "Not identical: see the differences";
			case Error -> (last != null && ReadableFailures.sentence(last.getExitStatus().getExitDescription()) != null)
					? ReadableFailures.sentence(last.getExitStatus().getExitDescription()) : "The verification failed";
		};
		boolean ended = status == ExecutionStatus.Completed;
		return new VerificationInfo(verificationId, version, status, ended ? verification.identical() : null,
				ended ? verification.differences() : null,
				ended ? null : "/reports/" + id + "/versions/" + version + "/verifications/" + verificationId, message);
	}

	/** The version, which must exist (404) and have completed (409). */
	private ReportVersion completed(String id, int version, Caller caller) {
		ReportRepository.ReportRow row = this.access.visible(id, version, caller);
		Long execution = row.jobExecutionId();
		boolean completed = execution != null
				&& this.jobRepository.getJobExecution(execution).getStatus() == BatchStatus.COMPLETED;
		if (!completed) {
			throw ApiException.conflict("NotCompleted",
					"Version " + version + " of report '" + id + "' has not completed; only a completed version proves "
							+ "its total");
		}
		return row.run();
	}

}
