package org.billingreports.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.BillingReportsApplication;
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
			  status REPORT_ID
			exit codes: 0 done, 1 failed, 2 usage error""";

	private static final Set<String> SETTING_PREFIXES = Set.of("--spring.", "--billing.", "--logging.",
			"--server.");

	private final PrintStream out;

	private final PrintStream err;

	public CommandLine(PrintStream out, PrintStream err) {
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
		// Quiet, so that standard output holds the result alone; settings given on the line win.
		// A failed step is reported as its reason on standard error; its stack trace would only hide it.
		List<String> settings = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--logging.level.root=error",
				"--logging.level.org.billingreports=error",
				"--logging.level.org.springframework.batch.core.step.AbstractStep=off"));
		settings.addAll(parsed.settings());
		settings.add("--billing.background=false");
		if (settings.stream().noneMatch(setting -> setting.startsWith("--billing.node-name="))) {
			settings.add("--billing.node-name=" + host() + "-cli-" + ProcessHandle.current().pid());
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BillingReportsApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(settings.toArray(String[]::new))) {
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
			case "report" -> commands.report(parsed.required("account"), parsed.required("start"),
					parsed.required("end"), parsed.flag("include-customer-ids"), parsed.option("email"),
					parsed.option("webhook"), this.out, this.err);
			case "restart" -> commands.restart(parsed.argument("REPORT_ID"), this.out, this.err);
			case "status" -> commands.status(parsed.argument("REPORT_ID"), this.out);
			case "import" -> {
				Path file = Path.of(parsed.argument("FILE"));
				if (!Files.isReadable(file)) {
					throw new IllegalArgumentException("import: cannot read " + file);
				}
				yield commands.importFile(file, parsed.required("account"), parsed.option("format"),
						parsed.option("time-zone"), parsed.option("default-customer"), this.out, this.err);
			}
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

	private static String host() {
		String name = ManagementFactory.getRuntimeMXBean().getName();
		int at = name.indexOf('@');
		return (at >= 0) ? name.substring(at + 1) : "localhost";
	}

	/** A command, its arguments, its options and the settings passed on to Spring. */
	record Parsed(String command, List<String> arguments, Map<String, String> options, List<String> settings) {

		private static final Map<String, Set<String>> OPTIONS = Map.of("report",
				Set.of("account", "start", "end", "include-customer-ids", "email", "webhook"), "restart", Set.of(),
				"status", Set.of(), "import", Set.of("account", "format", "time-zone", "default-customer"));

		private static final Map<String, Integer> ARGUMENTS = Map.of("report", 0, "restart", 1, "status", 1, "import",
				1);

		private static final Map<String, Set<String>> REQUIRED = Map.of("report", Set.of("account", "start", "end"),
				"restart", Set.of(), "status", Set.of(), "import", Set.of("account"));

		static Parsed of(String... args) {
			if (args.length == 0 || !COMMANDS.contains(args[0])) {
				throw new IllegalArgumentException((args.length == 0) ? "no command" : "unknown command " + args[0]);
			}
			String command = args[0];
			List<String> arguments = new ArrayList<>();
			Map<String, String> options = new LinkedHashMap<>();
			List<String> settings = new ArrayList<>();
			for (int i = 1; i < args.length; i++) {
				String arg = args[i];
				if (SETTING_PREFIXES.stream().anyMatch(arg::startsWith)) {
					settings.add(arg);
				}
				else if (arg.startsWith("--")) {
					int equals = arg.indexOf('=');
					String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
					if (!OPTIONS.get(command).contains(name)) {
						throw new IllegalArgumentException(command + ": unknown option --" + name);
					}
					options.put(name, (equals < 0) ? "true" : arg.substring(equals + 1));
				}
				else {
					arguments.add(arg);
				}
			}
			if (arguments.size() != ARGUMENTS.get(command)) {
				throw new IllegalArgumentException(command + ": expected " + ARGUMENTS.get(command) + " argument(s), got "
						+ arguments.size());
			}
			for (String required : REQUIRED.get(command)) {
				if (options.getOrDefault(required, "").isBlank()) {
					throw new IllegalArgumentException(command + ": --" + required + " is required");
				}
			}
			return new Parsed(command, arguments, options, settings);
		}

		String argument(String name) {
			return this.arguments.get(0);
		}

		String option(String name) {
			return this.options.get(name);
		}

		boolean flag(String name) {
			return "true".equals(this.options.get(name));
		}

		String required(String name) {
			return this.options.get(name);
		}

	}

	static Duration forever() {
		return Duration.ofDays(3650);
	}

}
