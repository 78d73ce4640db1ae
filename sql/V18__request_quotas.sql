-- How many requests of a kind each caller made in each minute (started_at: the minute), summed over every node (issue 25): report
-- launches and uploads, and pushed call records, each have a limit per caller and minute. Each node counts in
-- memory and adds its counts here about every second; rows older than an hour are deleted.
CREATE TABLE request_quota (
    caller_key VARCHAR(100) NOT NULL, -- a user's id, or a switch credential's
    kind       VARCHAR(20)  NOT NULL, -- launches, ingestion
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    requests   BIGINT       NOT NULL,
    CONSTRAINT request_quota_key PRIMARY KEY (caller_key, kind, started_at)
);
