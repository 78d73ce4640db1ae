-- Notifications (SPEC section 9): an outbox. A row is written when a report's job ends, in the
-- same transaction as the job's final status, and delivered from here, so that a crash between
-- the job's end and the delivery loses nothing. One row per job execution and channel.
CREATE TABLE notification (
    id               VARCHAR(36)   PRIMARY KEY, -- the event id receivers use to drop a repeat
    report_id        VARCHAR(36)   NOT NULL REFERENCES billing_report (id) ON DELETE CASCADE,
    job_execution_id BIGINT        NOT NULL,
    channel          VARCHAR(10)   NOT NULL, -- 'email' or 'webhook'
    target           VARCHAR(2000) NOT NULL,
    event            VARCHAR(30)   NOT NULL, -- 'report.completed' or 'report.failed'
    payload          TEXT          NOT NULL, -- what is sent, as it stood when the job ended
    status           VARCHAR(10)   NOT NULL, -- 'pending', 'delivered' or 'failed'
    attempts         INTEGER       NOT NULL,
    last_error       VARCHAR(1000),
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    locked_by        VARCHAR(100),
    locked_until     TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notification_execution_channel_un UNIQUE (job_execution_id, channel)
);
CREATE INDEX notification_due ON notification (status, next_attempt_at);
CREATE INDEX notification_report ON notification (report_id);

-- Webhooks are signed with a secret per account (HMAC-SHA256).
ALTER TABLE account ADD COLUMN webhook_secret VARCHAR(200);
