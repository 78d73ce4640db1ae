/**
 * Call records as they happen: switches push them here, or leave their files in a watched folder. FreeSWITCH
 * posts each call leg over HTTP as it ends ({@code mod_json_cdr}, {@code mod_xml_cdr}); a leg is read in whichever
 * of the modules' encodings it comes, stored through {@link org.billingreports.calls.PushedCalls} before it is
 * answered, and one that cannot be billed is kept whole as a rejection ({@code formats.md}, FreeSWITCH over HTTP;
 * {@code operations.md}, Setting a switch up). With {@code billing.calls.amqp.queue} set, a RabbitMQ queue brings
 * FreeSWITCH legs or records in the native format as well, each acknowledged once stored, and one that cannot be
 * billed dead-lettered with its reason and kept as a rejection too ({@code operations.md}, A RabbitMQ queue). A file
 * that settles in {@code billing.calls.inbox} (Asterisk's rotated {@code Master.csv}, say) is claimed by one node
 * and imported through {@link org.billingreports.calls.CallImports} as an upload is ({@link Inbox};
 * {@code operations.md}, A watched folder).
 */
package org.billingreports.ingestion;
