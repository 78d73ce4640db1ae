package org.billingreports.support;

import java.util.Arrays;

/** Reading {@code /actuator/prometheus}'s text format. */
public final class Prometheus {

	private Prometheus() {
	}

	/** The sum of a metric's samples whose labels include those given ({@code status="Completed"}); 0 when none. */
	public static double value(String scrape, String name, String... labels) {
		return scrape.lines()
			.filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter(line -> Arrays.stream(labels).allMatch(line::contains))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
