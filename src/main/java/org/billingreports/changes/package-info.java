/**
 * What changed in the inputs of reports after they ran: call records stored by an import, a new version
 * of a rate deck, an account's or a customer's prices, the customer tree. Each change is recorded in the
 * transaction that makes it ({@link InputChanges}), so that none is lost to a crash, and the reports
 * take it up from there (the report API marks the versions it makes out of date). Imports only the kernel.
 */
package org.billingreports.changes;
