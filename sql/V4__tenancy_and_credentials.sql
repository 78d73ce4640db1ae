-- Roles and tenants (SPEC section 4).

-- A Customer user's report covers only its customer's subtree, fixed when the report is requested.
ALTER TABLE billing_report ADD COLUMN created_by_user_id VARCHAR(36);
ALTER TABLE billing_report ADD COLUMN scope_customer_id VARCHAR(64);
CREATE TABLE report_customer_scope (
    report_id   VARCHAR(36) NOT NULL REFERENCES billing_report (id) ON DELETE CASCADE,
    customer_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (report_id, customer_id)
);

-- API keys: "bk_<id>_<secret>"; only a SHA-256 of the secret is kept.
CREATE TABLE api_key (
    id           VARCHAR(36)  PRIMARY KEY,
    user_id      VARCHAR(36)  NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name         VARCHAR(100),
    secret_hash  VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_key_user ON api_key (user_id);

-- Idempotency-Key on POST /reports/billing: a repeat of a request returns its first report.
CREATE TABLE idempotency_key (
    user_id         VARCHAR(36)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    report_id       VARCHAR(36)  NOT NULL REFERENCES billing_report (id) ON DELETE CASCADE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);

-- Secrets the service makes for itself when none is configured (e.g. the download-link key), shared
-- by every node on the database.
CREATE TABLE server_secret (
    name   VARCHAR(50)  PRIMARY KEY,
    secret VARCHAR(200) NOT NULL
);
