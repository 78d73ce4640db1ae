-- Corrected call records (issue 24): an import with onDuplicate=replace stores a line whose identity exists
-- with other values as a new row, the record's next revision. Rows are never updated: the old revision stays
-- for the report versions that billed it, and reports rate only current revisions.
ALTER TABLE call_record ADD COLUMN revision INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE call_record DROP CONSTRAINT call_record_call_un;
ALTER TABLE call_record ADD CONSTRAINT call_record_revision_un UNIQUE (account_id, call_id, revision);

-- Which revisions a newer one replaced: few rows (corrections are rare), so that "current" is an anti-join
-- against a small table rather than a fifth index on call_record. A refused import takes its rows back.
CREATE TABLE call_record_correction (
    superseded_id  BIGINT      NOT NULL,
    superseding_id BIGINT      NOT NULL,
    account_id     VARCHAR(64) NOT NULL,
    import_id      VARCHAR(36),
    CONSTRAINT call_record_correction_key PRIMARY KEY (superseded_id)
);
CREATE INDEX call_record_correction_account ON call_record_correction (account_id);
CREATE INDEX call_record_correction_import ON call_record_correction (import_id);

-- What an import does with a line whose identity exists with other values: 'skip' it, or 'replace' it.
ALTER TABLE call_import ADD COLUMN on_duplicate VARCHAR(10) DEFAULT 'skip' NOT NULL;
