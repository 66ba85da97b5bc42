-- A student's birth date, kept only as a keyed hash (HMAC-SHA256 under a key of the installation,
-- bound to the district; the first 8 bytes in hex): equal dates give equal keys, so duplicate
-- detection can tell two records of one child from namesakes, and the date itself is never stored.
-- It comes from demographics.csv's birthDate for the sync's students and from the record for those
-- made by hand. No index: it is read only by the duplicate search's one pass over the students.
ALTER TABLE person ADD COLUMN birth_key text CHECK (birth_key ~ '^[0-9a-f]{16}$');
