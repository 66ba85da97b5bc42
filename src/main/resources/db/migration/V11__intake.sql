-- Each complete drop a district sent, from the moment it was taken out of the SFTP folder: its files
-- (kept under DATA_DIR/intake/DISTRICT/ID), their SHA-256, and what became of it. A received drop
-- waits to be synced; a node claims it (status running) while the district has no other drop
-- running, and records the run it became.
CREATE TABLE intake (
    district_id bigint      NOT NULL REFERENCES district (id),
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    channel     text        NOT NULL CHECK (channel IN ('sftp', 'upload', 'poll')),
    received_at timestamptz NOT NULL DEFAULT now(),
    files       text[]      NOT NULL,
    bytes       bigint      NOT NULL,
    sha256      text        NOT NULL,
    path        text        NOT NULL,
    status      text        NOT NULL DEFAULT 'received'
                            CHECK (status IN ('received', 'running', 'previewed', 'synced', 'skipped', 'failed')),
    claimed_at  timestamptz,
    run_id      bigint,
    detail      text,
    PRIMARY KEY (district_id, id)
);
CREATE INDEX intake_waiting ON intake (received_at) WHERE status IN ('received', 'running');

-- Whether a district's drops are applied, or only validated and previewed (a new district's are).
CREATE TABLE district_schedule (
    district_id  bigint  NOT NULL PRIMARY KEY REFERENCES district (id),
    sync_enabled boolean NOT NULL DEFAULT false
);
