-- Sync runs and what they did. A run's creates are marked on the rows they created (created_run,
-- source_line), so a first load of a large district writes each row once; every other change
-- (update, link, archive, restore, removal) is a run_change row with before and after, which is
-- what the report lists and what undo reverts.

ALTER TABLE school           ADD COLUMN created_run bigint;
ALTER TABLE person           ADD COLUMN created_run bigint, ADD COLUMN source_line integer,
                             ADD COLUMN kind text CHECK (kind IN ('students', 'staff', 'guardians'));
ALTER TABLE person_role      ADD COLUMN created_run bigint;
ALTER TABLE classroom        ADD COLUMN created_run bigint, ADD COLUMN source_line integer;
ALTER TABLE classroom_member ADD COLUMN created_run bigint, ADD COLUMN source_line integer;
ALTER TABLE guardian_link    ADD COLUMN created_run bigint, ADD COLUMN source_line integer;
ALTER TABLE source_link      ADD COLUMN created_run bigint;

CREATE INDEX person_created_run ON person (district_id, created_run) WHERE created_run IS NOT NULL;
CREATE INDEX classroom_created_run ON classroom (district_id, created_run) WHERE created_run IS NOT NULL;
CREATE INDEX classroom_member_created_run ON classroom_member (district_id, created_run) WHERE created_run IS NOT NULL;
CREATE INDEX guardian_link_created_run ON guardian_link (district_id, created_run) WHERE created_run IS NOT NULL;

CREATE TABLE sync_run (
    district_id     bigint      NOT NULL REFERENCES district (id),
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    kind            text        NOT NULL CHECK (kind IN ('sync', 'undo', 'approve')),
    status          text        NOT NULL CHECK (status IN ('running', 'applied', 'applied_with_warnings', 'held',
                                                           'rejected', 'failed', 'preview', 'superseded')),
    source          text,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    -- the report: counts per kind and operation, the directory's totals after the run, why it was held
    counts          jsonb,
    totals          jsonb,
    files           jsonb,
    hold_reasons    jsonb       NOT NULL DEFAULT '[]',
    override_reason text,
    error           text,
    -- undo: the run this one reverted (kind 'undo'), or the undo run that reverted this one
    reverts         bigint,
    reverted_by     bigint,
    PRIMARY KEY (district_id, id)
);

-- Each change of a run but its creates (and, for previews, its creates too). A held run's archives
-- are kept here with waiting = true until an admin approves them or a newer drop supersedes them.
CREATE TABLE run_change (
    district_id bigint  NOT NULL,
    run_id      bigint  NOT NULL,
    seq         bigint  NOT NULL,
    op          text    NOT NULL,
    kind        text    NOT NULL,
    local_id    bigint  NOT NULL,
    other_id    bigint,
    sourced_id  text,
    detail      jsonb   NOT NULL DEFAULT '{}',
    file        text,
    line        integer,
    setting     text,
    waiting     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (district_id, run_id, seq),
    FOREIGN KEY (district_id, run_id) REFERENCES sync_run (district_id, id) ON DELETE CASCADE
);
CREATE INDEX run_change_record ON run_change (district_id, kind, local_id);

-- Source records a run left alone, and why (the setting that decided it, when one did).
CREATE TABLE run_skip (
    district_id bigint  NOT NULL,
    run_id      bigint  NOT NULL,
    seq         bigint  NOT NULL,
    kind        text,
    sourced_id  text,
    why         text    NOT NULL,
    setting     text,
    file        text,
    line        integer,
    PRIMARY KEY (district_id, run_id, seq),
    FOREIGN KEY (district_id, run_id) REFERENCES sync_run (district_id, id) ON DELETE CASCADE
);

-- What the reader found in the files of a run.
CREATE TABLE run_problem (
    district_id bigint  NOT NULL,
    run_id      bigint  NOT NULL,
    seq         integer NOT NULL,
    code        text    NOT NULL,
    severity    text    NOT NULL,
    file        text,
    line        integer,
    column_name text,
    sourced_id  text,
    message     text    NOT NULL,
    hint        text,
    PRIMARY KEY (district_id, run_id, seq),
    FOREIGN KEY (district_id, run_id) REFERENCES sync_run (district_id, id) ON DELETE CASCADE
);
