package org.billingreports;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import org.billingreports.cli.CommandLine;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BillingReportsApplication {

	/** The one clock of the service, so that time-dependent code reads it from one place. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** The HTTP service, or with a command (report, restart, import, status) the command line. */
	public static void main(String[] args) {
		if (args.length > 0 && CommandLine.COMMANDS.contains(args[0])) {
			System.exit(new CommandLine(BillingReportsApplication.class, System.out, System.err).run(args));
		}
		SpringApplication.run(BillingReportsApplication.class, args);
	}

}
