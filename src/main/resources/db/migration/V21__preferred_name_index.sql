-- A two-word name search ("Sofía Núñez", "Bill Núñez") is read from the name index with both names
-- tested inside it, so that only the people who match are fetched; a preferred name (few people
-- have one) is found by this small partial index, beside the family name.
CREATE INDEX person_preferred_name ON person (district_id, (lower(preferred_given_name) COLLATE "C"))
    WHERE preferred_given_name IS NOT NULL;
