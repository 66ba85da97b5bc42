-- Statistics on lower(email), which people are matched by. The index on it is partial (people with an
-- email), and PostgreSQL takes no statistics from a partial index: without these it guessed that a
-- batch of 2,000 emails matched a third of the district and read every person (2 to 12 s at 2M
-- people, for each batch of new people), where the index takes milliseconds.
CREATE STATISTICS person_email_lower ON (lower(email)) FROM person;
