-- Rate decks (issue 20): prices by destination prefix, uploaded as CSV. Every upload of a deck is a new
-- version; a report rates with the versions that were newest when it first rated, and records them.
CREATE TABLE rate_deck (
    id         VARCHAR(64)  PRIMARY KEY,
    account_id VARCHAR(64)  NOT NULL REFERENCES account (id),
    name       VARCHAR(200) NOT NULL,
    version    INTEGER      NOT NULL, -- the newest
    CONSTRAINT rate_deck_name_un UNIQUE (account_id, name)
);

CREATE TABLE rate_deck_version (
    deck_id     VARCHAR(64)  NOT NULL REFERENCES rate_deck (id) ON DELETE CASCADE,
    version     INTEGER      NOT NULL,
    file_name   VARCHAR(255),
    rates       INTEGER      NOT NULL,
    uploaded_by VARCHAR(100),
    uploaded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (deck_id, version)
);

CREATE TABLE rate_deck_rate (
    deck_id                 VARCHAR(64)     NOT NULL,
    version                 INTEGER         NOT NULL,
    line_number             INTEGER         NOT NULL,
    item                    SMALLINT        NOT NULL REFERENCES billing_item (code),
    prefix                  VARCHAR(15)     NOT NULL,
    description             VARCHAR(200)    NOT NULL,
    connect_fee             NUMERIC(28, 10) NOT NULL,
    rate                    NUMERIC(28, 10) NOT NULL,
    rate_unit_seconds       INTEGER         NOT NULL,
    first_increment_seconds INTEGER         NOT NULL,
    next_increment_seconds  INTEGER         NOT NULL,
    minimum_charge          NUMERIC(28, 10) NOT NULL,
    effective_from          TIMESTAMP WITH TIME ZONE NOT NULL,
    effective_to            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (deck_id, version, line_number),
    FOREIGN KEY (deck_id, version) REFERENCES rate_deck_version (deck_id, version) ON DELETE CASCADE
);

-- Whose deck prices a customer's calls: its own, else its parent's, else the account's.
ALTER TABLE account ADD COLUMN rate_deck_id VARCHAR(64) REFERENCES rate_deck (id);
ALTER TABLE customer ADD COLUMN rate_deck_id VARCHAR(64) REFERENCES rate_deck (id);
-- A billable call that matches no prefix: 'fail' the report, or bill it at 'fallback' (fallback_rate
-- per started minute, per message).
ALTER TABLE account ADD COLUMN unmatched_calls VARCHAR(10) DEFAULT 'fail' NOT NULL;
ALTER TABLE account ADD COLUMN fallback_rate NUMERIC(28, 10);
-- Whether a deck's charge replaces a carrier cost the record has (else it is used only when it has none).
ALTER TABLE account ADD COLUMN deck_replaces_carrier_cost BOOLEAN DEFAULT FALSE NOT NULL;

-- How each billing row's raw cost was found: 'carrier', 'deck', 'unmatched' or 'fallback'; and by which
-- deck and prefix.
ALTER TABLE billing_row ADD COLUMN pricing VARCHAR(9) DEFAULT 'carrier' NOT NULL;
ALTER TABLE billing_row ADD COLUMN rate_deck_id VARCHAR(64);
ALTER TABLE billing_row ADD COLUMN rate_prefix VARCHAR(15);

-- The deck (and version, "Retail v3") that priced calls of a billing line, if any did.
ALTER TABLE billing_line ADD COLUMN rate_deck VARCHAR(220);

-- The deck each customer of a report is rated with, fixed when the report first rates, so that a
-- restart never mixes versions; a customer without a deck has a row without one.
CREATE TABLE report_rate_deck (
    report_id   VARCHAR(36)  NOT NULL REFERENCES billing_report (id) ON DELETE CASCADE,
    customer_id VARCHAR(64)  NOT NULL,
    deck_id     VARCHAR(64),
    deck_name   VARCHAR(200),
    version     INTEGER,
    PRIMARY KEY (report_id, customer_id)
);

-- The items whose calls the deck of a report's customer prices, so that SQL tells those calls apart.
CREATE TABLE report_rate_deck_item (
    report_id   VARCHAR(36) NOT NULL REFERENCES billing_report (id) ON DELETE CASCADE,
    customer_id VARCHAR(64) NOT NULL,
    item        SMALLINT    NOT NULL,
    PRIMARY KEY (report_id, customer_id, item)
);
