package org.billingreports.console;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import org.billingreports.report.ReportDownloads;
import org.billingreports.security.Caller;
import org.billingreports.statement.ReportData;

/**
 * A completed report's pictures, drawn on the server as SVG: the amount per customer, and units per
 * day for each item. Every bar carries its value as text, so nothing depends on colour.
 */
@Component
class ReportCharts {

	/** Width of the drawing area of a chart, in SVG units (it scales to the page). */
	static final int WIDTH = 640;

	private final ReportDownloads downloads;

	ReportCharts(ReportDownloads downloads) {
		this.downloads = downloads;
	}

	/** One bar: its label, its value as shown, and its length as a share of the longest (0 to 1). */
	record Bar(String label, String value, double share) {

		/** The bar's length in SVG units, within a chart {@code WIDTH} wide with labels on the left. */
		public int length() {
			return (int) Math.round(this.share * (WIDTH - 320));
		}

	}

	/** A titled bar chart. */
	record Chart(String title, String unit, List<Bar> bars) {

		public int height() {
			return 24 * this.bars.size() + 8;
		}

	}

	/** The amount per customer, then one chart of units per day for each item. */
	List<Chart> of(String reportId, Integer version, Caller caller) {
		ReportData data = this.downloads.lines(reportId, version, caller);
		List<Chart> charts = new ArrayList<>();
		BigDecimal largest = data.customers()
			.stream()
			.map(ReportData.CustomerData::total)
			.max(BigDecimal::compareTo)
			.orElse(BigDecimal.ZERO);
		charts.add(new Chart("Amount per customer", data.currency(), data.customers()
			.stream()
			.map(customer -> new Bar(customer.customerName(), customer.total().toPlainString() + " " + data.currency(),
					share(customer.total(), largest)))
			.toList()));
		SortedMap<LocalDate, Map<String, Long>> days = this.downloads.usagePerDay(reportId, version, caller);
		TreeSet<String> items = new TreeSet<>();
		days.values().forEach(usage -> items.addAll(usage.keySet()));
		for (String item : items) {
			long most = days.values().stream().mapToLong(usage -> usage.getOrDefault(item, 0L)).max().orElse(0);
			charts.add(new Chart(item + " per day", "units", days.entrySet()
				.stream()
				.map(day -> {
					long units = day.getValue().getOrDefault(item, 0L);
					return new Bar(day.getKey().toString(), Long.toString(units), (most > 0) ? (double) units / most : 0);
				})
				.toList()));
		}
		return charts;
	}

	private static double share(BigDecimal value, BigDecimal largest) {
		return (largest.signum() > 0) ? Math.max(0, value.doubleValue() / largest.doubleValue()) : 0;
	}

}
