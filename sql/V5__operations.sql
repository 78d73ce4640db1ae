-- Nightly billing runs, crash recovery, retention (issue: operations).

-- Per account: one report a night for the previous day, with its own notification targets.
ALTER TABLE account ADD COLUMN nightly_enabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE account ADD COLUMN nightly_email VARCHAR(254);
ALTER TABLE account ADD COLUMN nightly_webhook_url VARCHAR(2000);

-- A nightly report bills one day; its id is derived from (account, day), so two nodes that fire the
-- same night compute the same report and the same job instance, and only one of them can launch it.
ALTER TABLE billing_report ADD COLUMN nightly_date DATE;
CREATE INDEX billing_report_nightly ON billing_report (account_id, nightly_date);

-- Every node says every few seconds that it is alive; executions of a node that stopped saying so
-- are recovered by the others. A node that stopped gracefully keeps its queue for its next start.
CREATE TABLE node_heartbeat (
    node         VARCHAR(100) PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_at   TIMESTAMP WITH TIME ZONE
);

-- Which node runs an import's job (reports keep theirs in report_execution).
ALTER TABLE call_import ADD COLUMN node VARCHAR(100);
