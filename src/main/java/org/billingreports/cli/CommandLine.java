package org.billingreports.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.ResponseError;

/**
 * The service's jar as a command, without its HTTP server, on the same configuration (H2 or
 * PostgreSQL alike), for cron and operators:
 *
 * <pre>
 * report --account=ID --start=DATE --end=DATE [--include-customer-ids] [--email=ADDRESS] [--webhook=URL]
 * restart REPORT_ID
 * import FILE --account=ID [--format=native|asterisk|freeswitch] [--time-zone=ZONE] [--default-customer=ID]
 *        [--on-duplicate=skip|replace]
 * status REPORT_ID
 * </pre>
 *
 * {@code report} and {@code restart} wait for the job and print the billing file's path. Exit codes:
 * 0 done, 1 failed (the reason on standard error), 2 a usage error. Spring settings may follow as
 * {@code --spring.…=…} or {@code --billing.…=…}.
 */
public final class CommandLine {

	public static final Set<String> COMMANDS = Set.of("report", "restart", "import", "status");

	static final int OK = 0;

	static final int FAILED = 1;

	static final int USAGE = 2;

	static final String USAGE_TEXT = """
			usage: java -jar billing-reports.jar COMMAND [OPTIONS] [--spring.datasource.url=...]
			  report --account=ID --start=DATE --end=DATE [--include-customer-ids] [--email=ADDRESS] [--webhook=URL]
			  restart REPORT_ID
			  import FILE --account=ID [--format=native|asterisk|freeswitch] [--time-zone=ZONE] [--default-customer=ID]
			         [--on-duplicate=skip|replace]
			  status REPORT_ID
			exit codes: 0 done, 1 failed, 2 usage error""";

	private static final Set<String> SETTING_PREFIXES = Set.of("--spring.", "--billing.", "--logging.",
			"--server.");

	private final Class<?> application;

	private final PrintStream out;

	private final PrintStream err;

	/** @param application the service's application class, whose context the command runs in */
	public CommandLine(Class<?> application, PrintStream out, PrintStream err) {
		this.application = application;
		this.out = out;
		this.err = err;
	}

	/** Runs one command in its own application context; returns the exit code. */
	public int run(String... args) {
		Parsed parsed;
		try {
			parsed = Parsed.of(args);
		}
		catch (IllegalArgumentException ex) {
			this.err.println(ex.getMessage());
			this.err.println(USAGE_TEXT);
			return USAGE;
		}
		if (parsed.command().equals("status")) {
			try {
				Optional<RunningService> service = RunningService.find(parsed.settings());
				Optional<Integer> asked = service.isPresent()
						? service.get().status(parsed.argument(), this.out, this.err) : Optional.empty();
				if (asked.isPresent()) {
					return asked.get();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return FAILED;
			}
		}
		// Quiet, so that standard output holds the result alone; settings given on the line win.
		// A failed step is reported as its reason on standard error; its stack trace would only hide it.
		List<String> settings = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.level.root=error",
				"--logging.level.org.billingreports=error",
				"--logging.level.org.springframework.batch.core.step.AbstractStep=off"));
		// Only the beans a command uses: no schedulers, sweeps or web controllers to make (start-up time).
		settings.add("--spring.main.lazy-initialization=true");
		settings.addAll(parsed.settings());
		settings.add("--billing.background=false");
		if (settings.stream().noneMatch(setting -> setting.startsWith("--billing.node-name="))) {
			settings.add("--billing.node-name=" + host() + "-cli-" + ProcessHandle.current().pid());
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(this.application)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(settings.toArray(String[]::new))) {
			this.err.println("billing-reports: " + database(context.getEnvironment().getProperty("spring.datasource.url", "")));
			Commands commands = context.getBean(Commands.class);
			return execute(commands, parsed);
		}
		catch (ApiException ex) {
			printError(ex);
			return FAILED;
		}
		catch (IllegalArgumentException ex) {
			this.err.println(ex.getMessage());
			this.err.println(USAGE_TEXT);
			return USAGE;
		}
		catch (Exception ex) {
			this.err.println("failed: " + ex.getMessage());
			return FAILED;
		}
	}

	private int execute(Commands commands, Parsed parsed) throws Exception {
		return switch (parsed.command()) {
			case "report" -> commands.report(parsed.option("account"), parsed.option("start"),
					parsed.option("end"), parsed.flag("include-customer-ids"), parsed.option("email"),
					parsed.option("webhook"), this.out, this.err);
			case "restart" -> commands.restart(parsed.argument(), this.out, this.err);
			case "status" -> commands.status(parsed.argument(), this.out);
			case "import" -> commands.importFile(Path.of(parsed.argument()), parsed.option("account"),
					parsed.option("format"), parsed.option("time-zone"), parsed.option("default-customer"),
					parsed.option("on-duplicate"), this.out, this.err);
			default -> throw new IllegalArgumentException("unknown command " + parsed.command());
		};
	}

	private void printError(ApiException ex) {
		this.err.println("failed: " + ex.getMessage());
		for (ResponseError error : ex.errors()) {
			if (!error.message().equals(ex.getMessage())) {
				this.err.println("  " + error.fieldName() + ": " + error.message());
			}
		}
	}

	/**
	 * Which database the command works on, for standard error: the embedded one's file or the server's
	 * address, without credentials.
	 */
	static String database(String url) {
		if (url.startsWith("jdbc:h2:file:")) {
			String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
			return "embedded H2 database " + Path.of(file).toAbsolutePath().normalize() + ".mv.db";
		}
		return "database " + url.replaceAll("(?i)(password=)[^&;]*", "$1***");
	}

	private static String host() {
		String name = ManagementFactory.getRuntimeMXBean().getName();
		int at = name.indexOf('@');
		return (at >= 0) ? name.substring(at + 1) : "localhost";
	}

	/**
	 * A command, its arguments, its options and the settings passed on to Spring, read by Spring Boot's
	 * own parser of {@code --name=value} arguments.
	 */
	record Parsed(String command, List<String> arguments, ApplicationArguments options, List<String> settings) {

		private static final Map<String, Set<String>> OPTIONS = Map.of("report",
				Set.of("account", "start", "end", "include-customer-ids", "email", "webhook"), "restart", Set.of(),
				"status", Set.of(), "import", Set.of("account", "format", "time-zone", "default-customer", "on-duplicate"));

		private static final Map<String, Integer> ARGUMENTS = Map.of("report", 0, "restart", 1, "status", 1, "import",
				1);

		private static final Map<String, Set<String>> REQUIRED = Map.of("report", Set.of("account", "start", "end"),
				"restart", Set.of(), "status", Set.of(), "import", Set.of("account"));

		static Parsed of(String... args) {
			if (args.length == 0 || !COMMANDS.contains(args[0])) {
				throw new IllegalArgumentException((args.length == 0) ? "no command" : "unknown command " + args[0]);
			}
			String command = args[0];
			ApplicationArguments options = new DefaultApplicationArguments(Arrays.copyOfRange(args, 1, args.length));
			List<String> settings = new ArrayList<>();
			for (String name : options.getOptionNames()) {
				if (SETTING_PREFIXES.stream().anyMatch(prefix -> ("--" + name).startsWith(prefix))) {
					options.getOptionValues(name).forEach(value -> settings.add("--" + name + "=" + value));
				}
				else if (!OPTIONS.get(command).contains(name)) {
					throw new IllegalArgumentException(command + ": unknown option --" + name);
				}
			}
			List<String> arguments = options.getNonOptionArgs();
			if (arguments.size() != ARGUMENTS.get(command)) {
				throw new IllegalArgumentException(command + ": expected " + ARGUMENTS.get(command) + " argument(s), got "
						+ arguments.size());
			}
			Parsed parsed = new Parsed(command, arguments, options, settings);
			for (String required : REQUIRED.get(command)) {
				if (parsed.option(required) == null || parsed.option(required).isBlank()) {
					throw new IllegalArgumentException(command + ": --" + required + " is required");
				}
			}
			if (command.equals("import") && !Files.isReadable(Path.of(parsed.argument()))) {
				throw new IllegalArgumentException("import: cannot read " + parsed.argument());
			}
			return parsed;
		}

		/** The command's one argument (a report id, a file). */
		String argument() {
			return this.arguments.get(0);
		}

		/** An option's value; {@code null} when it was not given. */
		String option(String name) {
			List<String> values = this.options.getOptionValues(name);
			return (values == null || values.isEmpty()) ? null : values.get(values.size() - 1);
		}

		/** Whether a flag such as {@code --include-customer-ids} was given (and not as {@code =false}). */
		boolean flag(String name) {
			return this.options.containsOption(name) && !"false".equalsIgnoreCase(option(name));
		}

	}

	static Duration forever() {
		return Duration.ofDays(3650);
	}

}
