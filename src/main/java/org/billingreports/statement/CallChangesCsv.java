package org.billingreports.statement;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /reports/{id}/changes.csv}: one line per call billed differently by two versions of a report
 * ({@code added}, {@code removed} or {@code repriced}), with its units and raw cost in each (empty on the
 * side that did not bill it). A customer's file has its raw costs empty.
 */
final class CallChangesCsv {

	static final List<String> HEADER = List.of("callId", "customerId", "item", "change", "unitsBefore", "unitsAfter",
			"rawCostBefore", "rawCostAfter");

	private CallChangesCsv() {
	}

	static void write(RowSource<VersionChanges.CallChange> changes, Audience audience, OutputStream out)
			throws IOException {
		boolean costs = audience.seesCarrierCosts();
		new CsvOutput(out, HEADER).rows(changes, change -> {
			List<Object> values = new ArrayList<>(HEADER.size());
			values.add(SafeText.csv(change.callId()));
			values.add(SafeText.csv(change.customerId()));
			values.add(change.item().displayName());
			values.add(change.change().name());
			values.add(change.unitsBefore());
			values.add(change.unitsAfter());
			values.add((costs && change.rawCostBefore() != null) ? change.rawCostBefore().toPlainString() : null);
			values.add((costs && change.rawCostAfter() != null) ? change.rawCostAfter().toPlainString() : null);
			return values;
		});
	}

}
