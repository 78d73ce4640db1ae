package org.billingreports.calls;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import org.billingreports.rating.Channel;
import org.billingreports.rating.Direction;

/**
 * Asterisk {@code cdr_csv} (Master.csv), no header: accountcode, src, dst, dcontext, clid, channel,
 * dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags; then
 * {@code uniqueid} ({@code loguniqueid}), {@code userfield} ({@code loguserfield}), and with
 * {@code newcdrcolumns} peeraccount, linkedid, sequence. The layout is told from each line's field
 * count.
 * <ul>
 * <li>Billable only when {@code ANSWERED} with billsec above 0 (status {@code completed}); otherwise
 * the disposition, e.g. {@code no-answer}.</li>
 * <li>A call's legs share a uniqueid; a record is {@code uniqueid/sequence}, or without a sequence
 * column {@code uniqueid/} and a hash of the line, or without a uniqueid a hash of the line.</li>
 * <li>{@code SendFAX}/{@code ReceiveFAX} as last application make a fax; everything else voice.</li>
 * </ul>
 */
@Component
class AsteriskFormat implements CallRecordFormat {

	private static final int BASE = 16;

	/** A uniqueid: epoch seconds and a counter, after the system name when one is set. */
	private static final Pattern UNIQUE_ID = Pattern.compile("([\\w.-]+-)?\\d+\\.\\d+");

	private static final Set<String> RECEIVE_FAX = Set.of("receivefax", "rxfax");

	private static final Set<String> SEND_FAX = Set.of("sendfax", "txfax");

	@Override
	public String name() {
		return "asterisk";
	}

	@Override
	public CallLineParser parser(List<String> header) {
		return AsteriskFormat::parse;
	}

	private static CallRecord parse(CsvLine line, ImportContext context) {
		List<String> f = line.fields();
		Extras extras = Extras.of(f);
		long billsec = Fields.count("billsec", f.get(13));
		String disposition = Fields.required("disposition", f.get(14), 30);
		boolean answered = disposition.equalsIgnoreCase("ANSWERED");
		String lastApp = f.get(7).strip().toLowerCase(Locale.ROOT);
		Channel channel = (RECEIVE_FAX.contains(lastApp) || SEND_FAX.contains(lastApp)) ? Channel.FAX : Channel.VOICE;
		String from = Fields.optional("src", f.get(1), 64);
		String to = Fields.optional("dst", f.get(2), 64);
		Direction direction = RECEIVE_FAX.contains(lastApp) ? Direction.INBOUND
				: SEND_FAX.contains(lastApp) ? Direction.OUTBOUND : context.direction(f.get(3), from, to);
		String status = (answered && billsec > 0) ? "completed"
				: answered ? "answered-unbilled" : disposition.toLowerCase(Locale.ROOT).replace(' ', '-');
		return new CallRecord(extras.identity(line), f.get(0).strip(), channel, direction, from, to,
				SwitchLines.callerName(f.get(4)), Fields.requiredTime("start", f.get(9), context.zone()),
				Fields.optionalTime("answer", f.get(10), context.zone()),
				Fields.optionalTime("end", f.get(11), context.zone()), Fields.count("duration", f.get(12)), billsec,
				status, BigDecimal.ZERO).identifiedByContent(extras.fromContent());
	}

	/**
	 * The optional columns after the sixteen of every layout: what identifies the record.
	 * @param callId the uniqueid, or with {@code newcdrcolumns} but no uniqueid the linkedid
	 * @param sequence the {@code newcdrcolumns} sequence, unique among one Asterisk's records
	 */
	private record Extras(String callId, String sequence) {

		static Extras of(List<String> fields) {
			int extra = fields.size() - BASE;
			if (extra < 0 || extra > 5) {
				throw new RejectedLineException("expected 16 to 21 fields of an Asterisk CDR, found " + fields.size());
			}
			// newcdrcolumns adds peeraccount, linkedid, sequence after what the other options add.
			boolean newColumns = extra >= 3;
			int options = newColumns ? extra - 3 : extra;
			// One option is uniqueid or userfield: a uniqueid looks like "1706368044.0" or "pbx-1706368044.0".
			String uniqueId = (options == 2 || (options == 1 && UNIQUE_ID.matcher(fields.get(BASE).strip()).matches()))
					? fields.get(BASE).strip() : "";
			if (!newColumns) {
				return new Extras(uniqueId, "");
			}
			String linkedId = fields.get(fields.size() - 2).strip();
			return new Extras(uniqueId.isEmpty() ? linkedId : uniqueId, fields.get(fields.size() - 1).strip());
		}

		/**
		 * The legs of one call share a uniqueid: with a sequence it is {@code uniqueid/sequence}; without,
		 * {@code uniqueid/} and a hash of the line; without either, a hash of the line.
		 */
		/** Whether {@link #identity} is made from the line's content: the switch gave no uniqueid and sequence. */
		boolean fromContent() {
			return this.callId.isEmpty() || this.sequence.isEmpty();
		}

		String identity(CsvLine line) {
			if (!fromContent()) {
				return this.callId + "/" + this.sequence;
			}
			if (!this.callId.isEmpty()) {
				return this.callId + "/" + SwitchLines.contentHash(line, 12);
			}
			return "sha:" + SwitchLines.contentHash(line, 32);
		}

	}

}
