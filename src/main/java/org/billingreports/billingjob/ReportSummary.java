package org.billingreports.billingjob;

import java.math.BigDecimal;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a completed report adds up to, kept in its job execution context.
 *
 * @param customers customers with at least one line
 * @param calls call records rated
 * @param note what a person should know of how it was priced (calls billed at the fallback rate), or {@code null}
 */
public record ReportSummary(int customers, long calls, BigDecimal total, String currency, String note) {

	private static final String PREFIX = "summary.";

	void putInto(ExecutionContext context) {
		context.putInt(PREFIX + "customers", this.customers);
		context.putLong(PREFIX + "calls", this.calls);
		context.putString(PREFIX + "total", this.total.toPlainString());
		context.putString(PREFIX + "currency", this.currency);
		if (this.note != null) {
			context.putString(PREFIX + "note", this.note);
		}
	}

	/** @return the summary, or {@code null} when the job did not get as far as writing one */
	public static ReportSummary from(ExecutionContext context) {
		if (!context.containsKey(PREFIX + "total")) {
			return null;
		}
		return new ReportSummary(context.getInt(PREFIX + "customers"), context.getLong(PREFIX + "calls"),
				new BigDecimal(context.getString(PREFIX + "total")), context.getString(PREFIX + "currency"),
				context.getString(PREFIX + "note", null));
	}

	/** One line for a person, e.g. "3 customers, 120 calls, total 1234.56 USD". */
	public String describe() {
		return this.customers + " customers, " + this.calls + " calls, total " + this.total.toPlainString() + " "
				+ this.currency + ((this.note != null) ? "; " + this.note : "");
	}

}
