package org.billingreports.billingjob;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.Utc;

/** Verifications of report versions: asked for, then filled in by {@code verifyReportJob}. */
@Repository
public class Verifications {

	/**
	 * A verification and, once its job has ended, its outcome.
	 * @param identical {@code null} until it ended (or when its job failed)
	 */
	public record Verification(String id, ReportVersion run, Boolean identical, List<String> differences) {
	}

	private static final TypeReference<List<String>> SENTENCES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	Verifications(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * A new verification of the version; its id is its job's identifying parameter.
	 * @param node the node whose executor runs its job
	 */
	public String create(ReportVersion run, String requestedBy, String node) {
		String id = UUID.randomUUID().toString();
		this.jdbc
			.sql("INSERT INTO report_verification (id, report_id, version, requested_by, node, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(id, run.reportId(), run.version(), requestedBy, node,
					Utc.of(this.clock.instant()))
			.update();
		return id;
	}

	/** The node that runs (or ran) the verification's job. */
	public Optional<String> nodeOf(String verificationId) {
		return this.jdbc.sql("SELECT node FROM report_verification WHERE id = ?")
			.param(verificationId)
			.query(String.class)
			.optional();
	}

	public Optional<Verification> find(String id) {
		return this.jdbc.sql("SELECT * FROM report_verification WHERE id = ?").param(id).query((rs, row) -> {
			boolean identical = rs.getBoolean("identical");
			Boolean outcome = rs.wasNull() ? null : identical;
			String differences = rs.getString("differences");
			return new Verification(rs.getString("id"), new ReportVersion(rs.getString("report_id"), rs.getInt("version")),
					outcome, (differences != null) ? this.json.readValue(differences, SENTENCES) : List.of());
		}).optional();
	}

	void record(String id, boolean identical, List<String> differences) {
		this.jdbc.sql("UPDATE report_verification SET identical = ?, differences = ? WHERE id = ?")
			.params(identical, this.json.writeValueAsString(differences), id)
			.update();
	}

}
