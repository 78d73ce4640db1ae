-- The country code of national numbers in an account's switch files (1 for +1 212…, 44 for +44 20…),
-- to find a line's customer by the numbers assigned to it (issue 20). None: only international numbers.
ALTER TABLE account ADD COLUMN default_country_code VARCHAR(3);
