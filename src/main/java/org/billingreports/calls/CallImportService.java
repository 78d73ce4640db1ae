package org.billingreports.calls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountAccess;
import org.billingreports.accounts.CustomerRepository;
import org.billingreports.batch.ExecutionStatus;
import org.billingreports.batch.JobCompletions;
import org.billingreports.batch.ReadableFailures;
import org.billingreports.security.Caller;
import org.billingreports.security.RequestQuotas;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.LimitedInput;
import org.billingreports.kernel.RequestLimits;
import org.billingreports.kernel.ServiceProperties;

/**
 * Imports a call-record file: spools the upload to disk (never into memory), checks its header, and
 * runs {@code callImportJob} on it, answering when the job has ended.
 */
@Service
public class CallImportService {

	/**
	 * What a request asks to import.
	 * @param defaultCustomerId the customer of lines that name none (switch files with empty account codes)
	 * @param onDuplicate {@code skip} (the default) or {@code replace}: what to do with a line whose call is
	 * stored with other values
	 */
	public record ImportRequest(String accountId, String format, String timeZoneId, String fileName,
			String defaultCustomerId, String onDuplicate) {
	}

	/**
	 * The import as the request leaves it.
	 * @param followUp whether the client is to follow it at its URL: a large file, answered at once, or
	 * one that outlasted the wait
	 */
	public record Started(ImportInfo info, boolean followUp, boolean refused) {
	}

	@FunctionalInterface
	public interface Upload {

		InputStream open() throws IOException;

	}

	private final AccountAccess accounts;

	private final CallRecordFormats formats;

	private final CallImportRepository imports;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job callImportJob;

	private final JobCompletions completions;

	private final CallImportProperties settings;

	private final ServiceProperties service;

	private final CustomerRepository customers;

	private final long maxImportBytes;

	private final RequestQuotas quotas;

	CallImportService(AccountAccess accounts, CallRecordFormats formats, CallImportRepository imports,
			JobOperator jobOperator, JobRepository jobRepository, Job callImportJob, JobCompletions completions,
			CallImportProperties settings, ServiceProperties service, CustomerRepository customers,
			RequestLimits limits, RequestQuotas quotas) {
		this.quotas = quotas;
		this.maxImportBytes = limits.maxImportBytes().toBytes();
		this.customers = customers;
		this.accounts = accounts;
		this.formats = formats;
		this.imports = imports;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.callImportJob = callImportJob;
		this.completions = completions;
		this.settings = settings;
		this.service = service;
	}

	public Started importCalls(ImportRequest request, Upload upload, Caller caller) throws Exception {
		this.quotas.spend(caller, RequestQuotas.Kind.launches);
		Launched launched = launch(UUID.randomUUID().toString(), request, upload, caller);
		CallImportProperties settings = this.settings;
		// A small file is answered once imported; a large one at once, to be followed by its id.
		boolean small = launched.bytes() < settings.answerWhenDoneBelow().toBytes();
		if (small) {
			this.completions.await(launched.execution().getId(), settings.waitForCompletion());
		}
		ImportInfo info = find(launched.importId(), caller);
		return new Started(info, !small || !info.status().hasEnded(), isRefused(launched.importId()));
	}

	/** An import whose job is queued: its size as spooled, and the job's execution. */
	record Launched(String importId, long bytes, JobExecution execution) {
	}

	/**
	 * Checks the request and the file, spools it, records the import under {@code importId} and queues its
	 * job; answers at once.
	 */
	Launched launch(String importId, ImportRequest request, Upload upload, Caller caller) throws Exception {
		FieldErrors errors = new FieldErrors();
		if (request.accountId() == null || request.accountId().isBlank()) {
			errors.add("accountId", "NotEmpty", "accountId is required");
		}
		String formatName = (request.format() == null || request.format().isBlank()) ? CallRecordFormats.DEFAULT
				: request.format();
		CallRecordFormat format = this.formats.find(formatName);
		if (format == null) {
			errors.add("format", "InvalidFormat", "format must be one of " + this.formats.names());
		}
		OnDuplicate onDuplicate = OnDuplicate.parse(request.onDuplicate());
		if (onDuplicate == null) {
			errors.add("onDuplicate", "InvalidValue", "onDuplicate must be skip (keep what is stored, the default) or "
					+ "replace (store a changed line as the call's next revision)");
		}
		errors.throwIfAny();
		Account account = this.accounts.actionable(request.accountId(), "accountId", caller);
		caller.requireManagerOf(account.id());
		ZoneId zone = zone(request.timeZoneId(), account);
		String defaultCustomer = defaultCustomer(request.defaultCustomerId(), account);

		Path spoolFile = spool(importId, upload);
		try {
			if (format.hasHeader()) {
				format.parser(CsvLineReader.readHeader(spoolFile));
			}
			if (!CsvLineReader.hasRecords(spoolFile, format.hasHeader())) {
				throw new IllegalArgumentException("The file holds no call records"
						+ (format.hasHeader() ? " after its header line" : ""));
			}
		}
		catch (IllegalArgumentException ex) {
			Files.deleteIfExists(spoolFile);
			throw ApiException.badRequest("InvalidFile", ex.getMessage());
		}
		this.imports.insert(new CallImportRepository.CallImport(importId, account.id(), format.name(), zone.getId(),
				request.fileName(), spoolFile, caller.getUsername(), Instant.now(), defaultCustomer, onDuplicate),
				this.service.effectiveNodeName());
		// Sized before the start: a completed import deletes its file.
		long bytes = Files.size(spoolFile);
		return new Launched(importId, bytes,
				this.jobOperator.start(this.callImportJob, CallImportJob.parameters(importId)));
	}

	/**
	 * Continues an import that failed or was stopped (a server that stopped, a database that was away)
	 * after its last committed chunk: the file is kept until an import completes, and a line stored
	 * before is not stored again.
	 */
	public Started restart(String importId, Caller caller) throws Exception {
		CallImportRepository.CallImport callImport = this.imports.find(importId)
			.orElseThrow(() -> ApiException.notFound("Import", importId));
		caller.requireAccountWideView(callImport.accountId(), "Import", importId);
		caller.requireManagerOf(callImport.accountId());
		JobInstance instance = this.jobRepository.getJobInstance(CallImportJob.NAME,
				CallImportJob.parameters(importId));
		JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
		ExecutionStatus status = (last != null) ? this.completions.statusOf(last) : ExecutionStatus.Error;
		if (status != ExecutionStatus.Error) {
			throw ApiException.conflict("NotRestartable",
					"Import '" + importId + "' is " + status + "; only an import in Error can be restarted");
		}
		if (last == null || CallImportJob.refusedItsFile(last)) {
			throw ApiException.conflict("NotRestartable", "Import '" + importId + "' cannot be restarted: "
					+ ((last == null) ? "it never started" : "its file was refused") + "; import the file again");
		}
		if (!Files.exists(callImport.spoolFile())) {
			throw ApiException.conflict("NotRestartable",
					"Import '" + importId + "' cannot be restarted: its file is no longer kept; import it again");
		}
		try {
			resume(importId, last);
		}
		catch (JobRestartException ex) {
			throw ApiException.conflict("NotRestartable",
					"Import '" + importId + "' cannot be restarted now: " + ex.getMessage());
		}
		return new Started(find(importId, caller), true, false);
	}

	/** Runs an import in Error again, on this node, after its last committed chunk. */
	void resume(String importId, JobExecution last) throws Exception {
		this.imports.assignNode(importId, this.service.effectiveNodeName());
		this.completions.settleUnknown(last);
		this.jobOperator.restart(last);
	}

	/** Whether the import's file was refused as a whole (its latest execution failed the check). */
	boolean isRefused(String importId) {
		JobInstance instance = this.jobRepository.getJobInstance(CallImportJob.NAME, CallImportJob.parameters(importId));
		JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
		return last != null && CallImportJob.refusedItsFile(last);
	}

	/** The import once its job has ended. */
	ImportInfo awaitEnd(ImportInfo info, Caller caller) throws InterruptedException {
		if (info.jobId() != null) {
			this.completions.await(Long.parseLong(info.jobId()), Duration.ofDays(3650));
		}
		return find(info.id(), caller);
	}

	/** Imports newest first: of the account, or (SystemAdministrator, no account given) of all. */
	public List<ImportInfo> list(String accountId, int skip, int take, Caller caller) {
		if (caller.isCustomer() && accountId == null) {
			throw ApiException.forbidden("A Customer user does not see imports");
		}
		String scope = (accountId != null || caller.isAdministrator()) ? accountId : caller.accountId();
		if (scope != null) {
			caller.requireAccountWideView(scope, "Account", scope);
		}
		return this.imports.ids(scope, skip, take).stream().map(id -> find(id, caller)).toList();
	}

	/** An import's rejected lines, ready to be written. */
	@FunctionalInterface
	public interface Rejections {

		void writeTo(Writer out) throws IOException;

	}

	/**
	 * Every rejected line of the import as CSV (line number, reason, line), streamed when written; the
	 * caller's access is checked now, before anything is written.
	 */
	public Rejections rejections(String importId, Caller caller) {
		find(importId, caller);
		return out -> {
			try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader("lineNumber", "reason", "line").get().print(out)) {
				this.imports.eachRejection(importId, rejection -> {
					try {
						csv.printRecord(rejection.lineNumber(), rejection.reason(), rejection.line());
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
		};
	}

	public ImportInfo find(String importId, Caller caller) {
		CallImportRepository.CallImport callImport = this.imports.find(importId)
			.orElseThrow(() -> ApiException.notFound("Import", importId));
		caller.requireAccountWideView(callImport.accountId(), "Import", importId);
		JobInstance instance = this.jobRepository.getJobInstance(CallImportJob.NAME,
				CallImportJob.parameters(importId));
		List<JobExecution> executions = (instance != null) ? this.jobRepository.getJobExecutions(instance)
				: List.of();
		return info(callImport, executions);
	}

	private ImportInfo info(CallImportRepository.CallImport callImport, List<JobExecution> executions) {
		long valid = 0;
		long rejected = 0;
		long[] foundBy = new long[CallRecord.CustomerMatch.values().length];
		for (JobExecution execution : executions) {
			for (StepExecution step : execution.getStepExecutions()) {
				valid += step.getWriteCount();
				rejected += step.getReadSkipCount() + step.getProcessSkipCount();
				for (CallRecord.CustomerMatch match : CallRecord.CustomerMatch.values()) {
					foundBy[match.ordinal()] += CustomerMatches.counted(step, match);
				}
			}
		}
		CallImportRepository.Stored stored = this.imports.stored(callImport.id());
		long imported = stored.calls();
		JobExecution latest = executions.stream().max(Comparator.comparing(JobExecution::getId)).orElse(null);
		// A refused file's good lines were taken back, not found stored before: they are no duplicates.
		long duplicates = (latest != null && CallImportJob.refusedItsFile(latest)) ? 0
				: Math.max(0, valid - imported - stored.corrections());
		ExecutionStatus status = (latest != null) ? this.completions.statusOf(latest) : ExecutionStatus.Error;
		String message = switch (status) {
			case Queued -> "Waiting for a free job thread";
			case Running -> "Imported " + imported + " call records so far";
			case Completed -> "Imported " + imported + " of " + (valid + rejected) + " call records; "
					+ ((stored.corrections() > 0) ? stored.corrections() + " corrected, " : "") + duplicates
					+ " duplicates, " + rejected + " rejected";
			case Error -> (latest != null) ? failure(latest.getExitStatus().getExitDescription())
					: "The import was never started";
		};
		List<ImportInfo.Rejection> rejections = this.imports
			.rejections(callImport.id(), this.settings.rejectionsShown())
			.stream()
			.map(r -> new ImportInfo.Rejection(r.lineNumber(), r.reason(), r.line()))
			.toList();
		return new ImportInfo(callImport.id(), callImport.accountId(), callImport.format(), callImport.timeZoneId(),
				callImport.defaultCustomerId(), callImport.onDuplicate().name(), callImport.fileName(), status, message,
				(latest != null) ? String.valueOf(latest.getId()) : null, valid + rejected, imported,
				stored.corrections(), duplicates, rejected,
				new ImportInfo.CustomersFound(foundBy[CallRecord.CustomerMatch.ACCOUNT_CODE.ordinal()],
						foundBy[CallRecord.CustomerMatch.NUMBER.ordinal()],
						foundBy[CallRecord.CustomerMatch.DEFAULT_CUSTOMER.ordinal()]),
				rejections,
				callImport.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
	}

	private String defaultCustomer(String customer, Account account) {
		if (customer == null || customer.isBlank()) {
			return null;
		}
		String id = this.customers.idsByIdOrReference(account.id()).get(customer.strip());
		if (id == null) {
			throw ApiException.invalidField("defaultCustomerId", "NotFound",
					"no customer of this account has the id or referenceId '" + ApiException.echo(customer) + "'");
		}
		return id;
	}

	private ZoneId zone(String timeZoneId, Account account) {
		if (timeZoneId == null || timeZoneId.isBlank()) {
			return account.zone();
		}
		try {
			return ZoneId.of(timeZoneId);
		}
		catch (DateTimeException ex) {
			throw ApiException.invalidField("timeZoneId", "InvalidTimeZone",
					"timeZoneId must be an IANA time zone such as 'Europe/Berlin' or 'UTC'");
		}
	}

	/**
	 * Copies the upload to the spool folder, at most {@code billing.limits.max-import-bytes} of it
	 * whether or not the request declared its length (a chunked body is counted as it is read). A
	 * partial file never stays: too large, a full disk, or a client that went away.
	 */
	private Path spool(String importId, Upload upload) throws IOException {
		Path folder = this.service.dataDir().resolve("imports");
		Path file = folder.resolve(importId + ".csv");
		long written = 0;
		try (InputStream opened = upload.open()) {
			if (opened != null) {
				InputStream in = new LimitedInput(opened, this.maxImportBytes, "an import");
				try (OutputStream out = create(folder, file)) {
					byte[] buffer = new byte[64 * 1024];
					for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
						written += read;
						write(out, buffer, read);
					}
				}
			}
		}
		catch (ApiException | IOException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
		if (written == 0) {
			Files.deleteIfExists(file);
			throw ApiException.badRequest("EmptyFile", "The request carries no call records: send the file as "
					+ "a text/csv body or as the multipart part 'file'");
		}
		return file;
	}

	private static OutputStream create(Path folder, Path file) {
		try {
			Files.createDirectories(folder);
			return Files.newOutputStream(file);
		}
		catch (IOException ex) {
			throw storageFailure(ex);
		}
	}

	private static void write(OutputStream out, byte[] buffer, int length) {
		try {
			out.write(buffer, 0, length);
		}
		catch (IOException ex) {
			throw storageFailure(ex);
		}
	}

	/** A write to the spool folder that fails (a full disk) is the server's problem, said plainly. */
	private static ApiException storageFailure(IOException ex) {
		return new ApiException(HttpStatus.INSUFFICIENT_STORAGE, "InsufficientStorage",
				"The server could not store the upload (" + ex.getMessage() + "); try again later");
	}

	private static String failure(String description) {
		String reason = ReadableFailures.sentence(description);
		return (reason != null) ? reason : "The import failed";
	}

}
