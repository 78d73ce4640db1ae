-- A report's statement (issue 17): what its billed lines are about, fixed when the lines are written,
-- so that every node makes the same documents from it whatever changes later (an account renamed, a
-- customer moved to another parent).

-- How a report of part of a month charges fixed fees: 'none' (in full, Evo's behaviour) or 'daily'.
ALTER TABLE account ADD COLUMN proration VARCHAR(10) DEFAULT 'none' NOT NULL;

-- The multiplier the line's raw cost was charged with, so that its amount can be recomputed from it.
ALTER TABLE billing_line ADD COLUMN raw_unit_multiplier NUMERIC(28, 10) DEFAULT 0 NOT NULL;

CREATE TABLE billing_statement (
    report_id            VARCHAR(36)  PRIMARY KEY REFERENCES billing_report (id) ON DELETE CASCADE,
    account_id           VARCHAR(64)  NOT NULL,
    account_name         VARCHAR(200) NOT NULL,
    time_zone_id         VARCHAR(64)  NOT NULL,
    currency             CHAR(3)      NOT NULL,
    start_date           VARCHAR(40)  NOT NULL, -- as requested
    end_date             VARCHAR(40)  NOT NULL,
    period_start         TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end           TIMESTAMP WITH TIME ZONE NOT NULL,
    include_customer_ids BOOLEAN      NOT NULL,
    proration            VARCHAR(10)  NOT NULL,
    generated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every customer a report considered, with or without lines, in the billing file's order.
CREATE TABLE billing_customer (
    report_id          VARCHAR(36)    NOT NULL REFERENCES billing_report (id) ON DELETE CASCADE,
    position           INTEGER        NOT NULL,
    customer_id        VARCHAR(64)    NOT NULL,
    customer_name      VARCHAR(200)   NOT NULL,
    parent_customer_id VARCHAR(64),
    subtotal           NUMERIC(28, 2) NOT NULL,
    PRIMARY KEY (report_id, position)
);

-- Reports billed before: their statement from the account as it is now, their customers from their
-- lines (customers without lines were not recorded then). Their multipliers were not recorded either:
-- they read 0.
INSERT INTO billing_statement (report_id, account_id, account_name, time_zone_id, currency, start_date, end_date,
                               period_start, period_end, include_customer_ids, proration, generated_at)
SELECT r.id, a.id, a.name, a.time_zone_id, a.currency, r.start_date, r.end_date, r.period_start, r.period_end,
       r.include_customer_ids, 'none', r.created_at
FROM billing_report r JOIN account a ON a.id = r.account_id
WHERE EXISTS (SELECT 1 FROM billing_line l WHERE l.report_id = r.id);

INSERT INTO billing_customer (report_id, position, customer_id, customer_name, parent_customer_id, subtotal)
SELECT l.report_id, ROW_NUMBER() OVER (PARTITION BY l.report_id ORDER BY MIN(l.line_number)), l.customer_id,
       MIN(l.customer_name), MIN(c.parent_customer_id), SUM(l.amount)
FROM billing_line l LEFT JOIN customer c ON c.id = l.customer_id
GROUP BY l.report_id, l.customer_id;
