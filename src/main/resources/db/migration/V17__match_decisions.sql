-- An admin's answers to the questions a sync asks, which the next run follows and journals (so a
-- decision shows in that run's report and is undone with it): this source record is that directory
-- record (link_to), or is nobody there yet (link_to NULL: create it). Kept until the record is linked,
-- so a decision taken before the first sync waits for it.
CREATE TABLE match_decision (
    district_id bigint      NOT NULL REFERENCES district (id),
    source      text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('person', 'classroom')),
    sourced_id  text        NOT NULL,
    link_to     bigint,
    decided_by  text        NOT NULL,
    decided_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, source, kind, sourced_id)
);

-- What to do with a classroom made before the sync that no class is, once an admin said: keep it
-- as it is (a club, a homeroom the SIS lacks), or archive it (archived at once; kept here so the
-- self-check knows it was decided).
CREATE TABLE unlinked_classroom_decision (
    district_id  bigint      NOT NULL,
    classroom_id bigint      NOT NULL,
    decision     text        NOT NULL CHECK (decision IN ('keep', 'archive')),
    decided_by   text        NOT NULL,
    decided_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, classroom_id),
    FOREIGN KEY (district_id, classroom_id) REFERENCES classroom (district_id, id) ON DELETE CASCADE
);

-- The directory records a disputed source record could be, so that an admin picks among them.
ALTER TABLE run_skip ADD COLUMN candidates bigint[];

-- A person's timeline reads the changes that name them as the other party (memberships, guardian links).
CREATE INDEX run_change_other ON run_change (district_id, other_id) WHERE other_id IS NOT NULL;

-- The directory pages list people by name, page after page (keyset), search names by prefix
-- (text_pattern_ops: a prefix LIKE uses them whatever the database's collation), and filter by
-- school and role (a school's students are found there, then sorted, rather than the whole district
-- walked in name order).
CREATE INDEX person_by_name ON person (district_id, lower(family_name), lower(given_name), id);
CREATE INDEX person_given_name ON person (district_id, lower(given_name) text_pattern_ops);
CREATE INDEX person_family_name ON person (district_id, lower(family_name) text_pattern_ops);
CREATE INDEX person_preferred_name ON person (district_id, lower(preferred_given_name) text_pattern_ops)
    WHERE preferred_given_name IS NOT NULL;
CREATE INDEX person_role_school ON person_role (district_id, school_id, role, person_id);
