-- Switch files (Asterisk, FreeSWITCH) name customers by account code, often empty: an import may
-- name the customer such lines belong to.
ALTER TABLE call_import ADD COLUMN default_customer_id VARCHAR(100);
