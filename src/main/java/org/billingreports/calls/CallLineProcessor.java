package org.billingreports.calls;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Parses a line in its file's format and finds its customer within the account ({@link CustomerFinder}). */
class CallLineProcessor implements ItemProcessor<CsvLine, CallRecord> {

	private final CallRecordFormat.CallLineParser parser;

	private final ImportContext context;

	private final CustomerFinder customers;

	CallLineProcessor(CallRecordFormat.CallLineParser parser, ImportContext context, CustomerFinder customers) {
		this.parser = parser;
		this.context = context;
		this.customers = customers;
	}

	@Override
	public CallRecord process(CsvLine line) {
		return this.customers.find(this.parser.parse(line, this.context));
	}

}
