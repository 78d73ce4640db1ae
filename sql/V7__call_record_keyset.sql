-- The billing job reads a period's call records in id order, split into id ranges (its partitions).
-- This index serves that order directly; with the period index alone the database would sort every
-- page, and H2 does.
CREATE INDEX call_record_account_id ON call_record (account_id, id);
