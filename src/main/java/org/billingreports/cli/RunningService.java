package org.billingreports.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import org.billingreports.database.DatabaseEnvironment;
import org.billingreports.security.LocalOperator;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.statement.ReportFiles;

/**
 * The service running on this machine on the database a command would use, found through the file
 * {@link LocalOperator} keeps in the data folder while it listens. {@code status} asks it over HTTP,
 * in about a second, instead of starting the application (about five).
 */
final class RunningService {

	private static final Duration CONNECT = Duration.ofSeconds(1);

	private static final Duration ANSWER = Duration.ofSeconds(30);

	private final URI url;

	private final String token;

	private final String database;

	private final Path dataDir;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();

	private RunningService(URI url, String token, String database, Path dataDir) {
		this.url = url;
		this.token = token;
		this.database = database;
		this.dataDir = dataDir;
	}

	/** The service on this command's database, when its file is there and names that database. */
	static Optional<RunningService> find(List<String> settings) {
		// The data folder and the database as the application would choose them from these settings.
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource(settings.toArray(String[]::new)));
		new DatabaseEnvironment().postProcessEnvironment(environment, null);
		Path dataDir = Path.of(environment.getProperty("billing.data-dir"));
		String database = environment.getProperty("spring.datasource.url");
		Path file = dataDir.resolve(LocalOperator.FILE);
		if (!Files.isReadable(file)) {
			return Optional.empty();
		}
		Properties service = new Properties();
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			service.load(in);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		if (!database.equals(service.getProperty("database")) || service.getProperty("url") == null
				|| service.getProperty("token") == null) {
			return Optional.empty();
		}
		return Optional.of(new RunningService(URI.create(service.getProperty("url")), service.getProperty("token"),
				database, dataDir));
	}

	/**
	 * Prints what {@code status} prints, asked of the service.
	 * @return the exit code, or empty when the service did not answer (the command then starts on its own)
	 */
	Optional<Integer> status(String reportId, PrintStream out, PrintStream err) throws InterruptedException {
		String route = "/reports/" + URLEncoder.encode(reportId, StandardCharsets.UTF_8).replace("+", "%20");
		HttpResponse<String> answer = get(route);
		JsonNode body = (answer != null) ? json(answer) : null;
		// Anything but the service's own answer (a stale file, another program on its old port): ask no more.
		boolean found = answer != null && answer.statusCode() == 200 && body != null && body.hasNonNull("status");
		boolean notFound = answer != null && answer.statusCode() == 404 && body != null
				&& body.at("/responseStatus/message").isString();
		if (!found && !notFound) {
			return Optional.empty();
		}
		err.println("billing-reports: the service at " + this.url + " on its " + CommandLine.database(this.database));
		if (notFound) {
			err.println("failed: " + body.at("/responseStatus/message").asString());
			return Optional.of(CommandLine.FAILED);
		}
		String status = body.get("status").asString();
		out.println(status + ": " + body.get("statusMessage").asString());
		if ("Completed".equals(status)) {
			Path csv = ReportFiles.providerCsv(this.dataDir,
					new ReportVersion(reportId, body.path("version").asInt(1)));
			// Made from the stored lines and kept, as a download makes it, when this node has none yet.
			if (!Files.exists(csv) && get(route + ".csv") == null) {
				return Optional.empty();
			}
			out.println(csv.toAbsolutePath());
		}
		return Optional.of("Error".equals(status) ? CommandLine.FAILED : CommandLine.OK);
	}

	private static JsonNode json(HttpResponse<String> answer) {
		try {
			return JsonMapper.shared().readTree(answer.body());
		}
		catch (JacksonException notJson) {
			return null;
		}
	}

	/** The answer, or {@code null} when the service does not answer. */
	private HttpResponse<String> get(String route) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.url.resolve(route))
			.timeout(ANSWER)
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + this.token)
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException notAnswering) {
			return null;
		}
	}

}
