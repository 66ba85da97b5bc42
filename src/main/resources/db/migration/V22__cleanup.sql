-- Cleanup (step 9): archiving what the sync does not own, finding duplicate students, merging them.

-- A merged student stays as a tombstone (archived) pointing at the record it was merged into, so that
-- links to it still resolve and no sync finds it again.
ALTER TABLE person ADD COLUMN merged_into bigint;

-- An admin's archiving of students made by hand, as one action that can be undone: which students it
-- archived (those archived already, or the sync's, are not in it).
CREATE TABLE archive_action (
    district_id    bigint      NOT NULL REFERENCES district (id),
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    scope          text        NOT NULL,
    archived_by    text        NOT NULL,
    archived_at    timestamptz NOT NULL DEFAULT now(),
    archived       integer     NOT NULL,
    skipped_synced integer     NOT NULL,
    restored_by    text,
    restored_at    timestamptz,
    PRIMARY KEY (district_id, id)
);

CREATE TABLE archive_action_person (
    district_id bigint NOT NULL,
    action_id   bigint NOT NULL,
    person_id   bigint NOT NULL,
    PRIMARY KEY (district_id, action_id, person_id),
    FOREIGN KEY (district_id, action_id) REFERENCES archive_action (district_id, id) ON DELETE CASCADE
);

-- A merge of two student records: everything linked to the merged record moved to the survivor. Each
-- move is a row of person_merge_move, so that undoing the merge puts back exactly what moved.
CREATE TABLE person_merge (
    district_id  bigint      NOT NULL REFERENCES district (id),
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    survivor_id  bigint      NOT NULL,
    merged_id    bigint      NOT NULL,
    merged_state text        NOT NULL,
    merged_by    text        NOT NULL,
    merged_at    timestamptz NOT NULL DEFAULT now(),
    undone_by    text,
    undone_at    timestamptz,
    PRIMARY KEY (district_id, id),
    -- an undone merge's history goes with its records (an undone sync run removes those it created;
    -- a merge not undone keeps the run from being undone)
    FOREIGN KEY (district_id, survivor_id) REFERENCES person (district_id, id) ON DELETE CASCADE,
    FOREIGN KEY (district_id, merged_id) REFERENCES person (district_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX person_merge_live ON person_merge (district_id, merged_id) WHERE undone_at IS NULL;
CREATE INDEX person_merge_survivor ON person_merge (district_id, survivor_id);

-- what: the kind of row (announcement, backpack_item, interaction_log, student_attribute, guardian_link,
-- classroom_member, person_role, source_link, match_decision, managed_by).
-- how: moved (the row now belongs to the survivor), dropped (the survivor had the same: the merged
-- record's row was deleted, and is kept in row_data), replaced (the survivor's own row lost a conflict
-- to the merged record's, and is kept in row_data).
CREATE TABLE person_merge_move (
    district_id bigint NOT NULL,
    merge_id    bigint NOT NULL,
    seq         bigint GENERATED ALWAYS AS IDENTITY,
    what        text   NOT NULL,
    how         text   NOT NULL CHECK (how IN ('moved', 'dropped', 'replaced')),
    row_key     text   NOT NULL,
    row_data    jsonb,
    PRIMARY KEY (district_id, merge_id, seq),
    FOREIGN KEY (district_id, merge_id) REFERENCES person_merge (district_id, id) ON DELETE CASCADE
);

-- The merged record's identifiers, kept on the survivor so that sign-in still finds the person.
CREATE TABLE person_alias (
    district_id bigint NOT NULL,
    person_id   bigint NOT NULL,
    kind        text   NOT NULL CHECK (kind IN ('email', 'username', 'student_number')),
    value       text   NOT NULL,
    merge_id    bigint NOT NULL,
    PRIMARY KEY (district_id, kind, value, merge_id),
    FOREIGN KEY (district_id, person_id) REFERENCES person (district_id, id) ON DELETE CASCADE,
    FOREIGN KEY (district_id, merge_id) REFERENCES person_merge (district_id, id) ON DELETE CASCADE
);
CREATE INDEX person_alias_lookup ON person_alias (district_id, lower(value));
CREATE INDEX person_username ON person (district_id, lower(username)) WHERE username IS NOT NULL;

-- Pairs of students that may be one child, found after each sync (or on demand), with their evidence;
-- a refresh replaces them all. a_id < b_id.
CREATE TABLE duplicate_candidate (
    district_id bigint  NOT NULL REFERENCES district (id),
    a_id        bigint  NOT NULL,
    b_id        bigint  NOT NULL,
    confidence  real    NOT NULL,
    evidence    text[]  NOT NULL,
    PRIMARY KEY (district_id, a_id, b_id),
    CHECK (a_id < b_id)
);
CREATE INDEX duplicate_candidate_order ON duplicate_candidate (district_id, confidence DESC, a_id, b_id);

-- When candidates were last found, and how long it took.
CREATE TABLE duplicate_scan (
    district_id bigint      NOT NULL PRIMARY KEY REFERENCES district (id),
    scanned_at  timestamptz NOT NULL,
    students    bigint      NOT NULL,
    pairs       bigint      NOT NULL,
    millis      bigint      NOT NULL
);

-- "Not a duplicate": an admin's decision, remembered across refreshes.
CREATE TABLE duplicate_dismissal (
    district_id bigint      NOT NULL REFERENCES district (id),
    a_id        bigint      NOT NULL,
    b_id        bigint      NOT NULL,
    decided_by  text        NOT NULL,
    decided_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, a_id, b_id),
    CHECK (a_id < b_id)
);
