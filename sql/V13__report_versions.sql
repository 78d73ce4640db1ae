-- A report has versions (issue 24): the report keeps its id; each run of it is a version (1, 2, …), a job
-- instance of its own, immutable once completed. Everything a run billed is keyed by (report, version).
-- Reports billed before this are their version 1, with everything they had.

CREATE TABLE report_version (
    report_id  VARCHAR(36)  NOT NULL REFERENCES billing_report (id) ON DELETE CASCADE,
    version    INTEGER      NOT NULL,
    started_by VARCHAR(100) NOT NULL, -- a user name, 'nightly' or 'automaticRerun'
    reasons    TEXT,                  -- the out-of-date reasons that made it, as JSON; NULL for a first version
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT report_version_key PRIMARY KEY (report_id, version)
);
INSERT INTO report_version (report_id, version, started_by, created_at)
SELECT id, 1, COALESCE(created_by, 'unknown'), created_at FROM billing_report;

ALTER TABLE report_execution ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
CREATE INDEX report_execution_version ON report_execution (report_id, version, job_execution_id);

ALTER TABLE notification ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;

-- The tables keyed by report are made again keyed by (report, version): their primary keys were declared
-- without names, which H2 and PostgreSQL name differently, so a portable migration cannot drop them in place.
-- Constraints are named from here on.

CREATE TABLE billing_row_new (
    report_id      VARCHAR(36)     NOT NULL,
    version        INTEGER         NOT NULL,
    call_record_id BIGINT          NOT NULL,
    customer_id    VARCHAR(64)     NOT NULL,
    item           SMALLINT        NOT NULL,
    units          BIGINT          NOT NULL,
    raw_cost       NUMERIC(28, 10) NOT NULL,
    pricing        VARCHAR(9)      DEFAULT 'carrier' NOT NULL,
    rate_deck_id   VARCHAR(64),
    rate_prefix    VARCHAR(15),
    CONSTRAINT billing_row_key PRIMARY KEY (report_id, version, call_record_id)
);
INSERT INTO billing_row_new (report_id, version, call_record_id, customer_id, item, units, raw_cost, pricing,
                             rate_deck_id, rate_prefix)
SELECT report_id, 1, call_record_id, customer_id, item, units, raw_cost, pricing, rate_deck_id, rate_prefix
FROM billing_row;
DROP TABLE billing_row;
ALTER TABLE billing_row_new RENAME TO billing_row;

CREATE TABLE billing_line_new (
    report_id           VARCHAR(36)     NOT NULL,
    version             INTEGER         NOT NULL,
    line_number         INTEGER         NOT NULL,
    customer_id         VARCHAR(64)     NOT NULL,
    customer_name       VARCHAR(200)    NOT NULL,
    item                SMALLINT        NOT NULL,
    quantity            BIGINT          NOT NULL,
    allowance           BIGINT          NOT NULL,
    billable            BIGINT          NOT NULL,
    unit_cost           NUMERIC(28, 10) NOT NULL,
    base_cost           NUMERIC(28, 10) NOT NULL,
    raw_cost            NUMERIC(28, 10) NOT NULL,
    amount              NUMERIC(28, 2)  NOT NULL,
    raw_unit_multiplier NUMERIC(28, 10) DEFAULT 0 NOT NULL,
    rate_deck           VARCHAR(220),
    CONSTRAINT billing_line_key PRIMARY KEY (report_id, version, line_number)
);
INSERT INTO billing_line_new (report_id, version, line_number, customer_id, customer_name, item, quantity, allowance,
                              billable, unit_cost, base_cost, raw_cost, amount, raw_unit_multiplier, rate_deck)
SELECT report_id, 1, line_number, customer_id, customer_name, item, quantity, allowance, billable, unit_cost,
       base_cost, raw_cost, amount, raw_unit_multiplier, rate_deck
FROM billing_line;
DROP TABLE billing_line;
ALTER TABLE billing_line_new RENAME TO billing_line;

CREATE TABLE billing_statement_new (
    report_id            VARCHAR(36)  NOT NULL,
    version              INTEGER      NOT NULL,
    account_id           VARCHAR(64)  NOT NULL,
    account_name         VARCHAR(200) NOT NULL,
    time_zone_id         VARCHAR(64)  NOT NULL,
    currency             CHAR(3)      NOT NULL,
    start_date           VARCHAR(40)  NOT NULL,
    end_date             VARCHAR(40)  NOT NULL,
    period_start         TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end           TIMESTAMP WITH TIME ZONE NOT NULL,
    include_customer_ids BOOLEAN      NOT NULL,
    proration            VARCHAR(10)  NOT NULL,
    generated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT billing_statement_key PRIMARY KEY (report_id, version),
    CONSTRAINT billing_statement_version FOREIGN KEY (report_id, version)
        REFERENCES report_version (report_id, version) ON DELETE CASCADE
);
INSERT INTO billing_statement_new (report_id, version, account_id, account_name, time_zone_id, currency, start_date,
                                   end_date, period_start, period_end, include_customer_ids, proration, generated_at)
SELECT report_id, 1, account_id, account_name, time_zone_id, currency, start_date, end_date, period_start, period_end,
       include_customer_ids, proration, generated_at
FROM billing_statement;
DROP TABLE billing_statement;
ALTER TABLE billing_statement_new RENAME TO billing_statement;

CREATE TABLE billing_customer_new (
    report_id          VARCHAR(36)    NOT NULL,
    version            INTEGER        NOT NULL,
    position           INTEGER        NOT NULL,
    customer_id        VARCHAR(64)    NOT NULL,
    customer_name      VARCHAR(200)   NOT NULL,
    parent_customer_id VARCHAR(64),
    subtotal           NUMERIC(28, 2) NOT NULL,
    CONSTRAINT billing_customer_key PRIMARY KEY (report_id, version, position),
    CONSTRAINT billing_customer_version FOREIGN KEY (report_id, version)
        REFERENCES report_version (report_id, version) ON DELETE CASCADE
);
INSERT INTO billing_customer_new (report_id, version, position, customer_id, customer_name, parent_customer_id,
                                  subtotal)
SELECT report_id, 1, position, customer_id, customer_name, parent_customer_id, subtotal FROM billing_customer;
DROP TABLE billing_customer;
ALTER TABLE billing_customer_new RENAME TO billing_customer;

CREATE TABLE report_rate_deck_new (
    report_id   VARCHAR(36)  NOT NULL,
    version     INTEGER      NOT NULL,
    customer_id VARCHAR(64)  NOT NULL,
    deck_id     VARCHAR(64),
    deck_name   VARCHAR(200),
    deck_version INTEGER,
    CONSTRAINT report_rate_deck_key PRIMARY KEY (report_id, version, customer_id),
    CONSTRAINT report_rate_deck_version FOREIGN KEY (report_id, version)
        REFERENCES report_version (report_id, version) ON DELETE CASCADE
);
INSERT INTO report_rate_deck_new (report_id, version, customer_id, deck_id, deck_name, deck_version)
SELECT report_id, 1, customer_id, deck_id, deck_name, version FROM report_rate_deck;
DROP TABLE report_rate_deck;
ALTER TABLE report_rate_deck_new RENAME TO report_rate_deck;
-- Which reports a new version of a deck may have made out of date.
CREATE INDEX report_rate_deck_deck ON report_rate_deck (deck_id);

CREATE TABLE report_rate_deck_item_new (
    report_id   VARCHAR(36) NOT NULL,
    version     INTEGER     NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    item        SMALLINT    NOT NULL,
    CONSTRAINT report_rate_deck_item_key PRIMARY KEY (report_id, version, customer_id, item),
    CONSTRAINT report_rate_deck_item_version FOREIGN KEY (report_id, version)
        REFERENCES report_version (report_id, version) ON DELETE CASCADE
);
INSERT INTO report_rate_deck_item_new (report_id, version, customer_id, item)
SELECT report_id, 1, customer_id, item FROM report_rate_deck_item;
DROP TABLE report_rate_deck_item;
ALTER TABLE report_rate_deck_item_new RENAME TO report_rate_deck_item;
