package org.billingreports.calls;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.stereotype.Component;

import org.billingreports.rating.Channel;

/**
 * FreeSWITCH {@code mod_cdr_csv}, default template (13 fields) or example template (15), no header,
 * every field quoted: caller_id_name, caller_id_number, destination_number, context, start_stamp,
 * answer_stamp, end_stamp, duration, billsec, hangup_cause, uuid, bleg_uuid, accountcode, then
 * read_codec, write_codec.
 * <ul>
 * <li>Billable when answered (an answer stamp) with billsec above 0, whatever the hangup cause
 * ({@code NORMAL_CLEARING} with no answer is common); otherwise the hangup cause, e.g.
 * {@code user_busy}.</li>
 * <li>A record is its uuid, or without one a hash of the line.</li>
 * </ul>
 */
@Component
class FreeSwitchFormat implements CallRecordFormat {

	@Override
	public String name() {
		return "freeswitch";
	}

	@Override
	public CallLineParser parser(List<String> header) {
		return FreeSwitchFormat::parse;
	}

	private static CallRecord parse(CsvLine line, ImportContext context) {
		List<String> f = line.fields();
		if (f.size() != 13 && f.size() != 15) {
			throw new RejectedLineException("expected 13 or 15 fields of a FreeSWITCH CDR, found " + f.size());
		}
		String from = Fields.optional("caller_id_number", f.get(1), 64);
		String to = Fields.optional("destination_number", f.get(2), 64);
		long billsec = Fields.count("billsec", f.get(8));
		boolean answered = !f.get(5).isBlank();
		String cause = Fields.optional("hangup_cause", f.get(9), 30);
		String status = SwitchLines.freeSwitchStatus(answered, billsec, cause);
		String uuid = f.get(10).strip();
		return new CallRecord(uuid.isEmpty() ? "sha:" + SwitchLines.contentHash(line, 32) : uuid, f.get(12).strip(),
				Channel.VOICE, context.direction(f.get(3), from, to), from, to, SwitchLines.text(f.get(0)),
				Fields.requiredTime("start_stamp", f.get(4), context.zone()),
				Fields.optionalTime("answer_stamp", f.get(5), context.zone()),
				Fields.optionalTime("end_stamp", f.get(6), context.zone()), Fields.count("duration", f.get(7)),
				billsec, status, BigDecimal.ZERO).identifiedByContent(uuid.isEmpty());
	}

}
