-- A pull holds its district's API by a lease of its own (a token and until when), apart from when the
-- API is next due: a "pull now" or a save during a pull keeps the API due for the next pass instead of
-- being overwritten when the pull ends, and a pull that outlived its lease writes nothing over the
-- pull that took the API after it.
ALTER TABLE roster_api ADD COLUMN lease_token uuid;
ALTER TABLE roster_api ADD COLUMN lease_until timestamptz;
