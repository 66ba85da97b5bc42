-- The district's own SFTP site, which we poll for its drops. Its password or private key is sealed
-- (AES-GCM under the installation's key, SecretBox), never stored as given. The server's host key is
-- pinned on the first connection that logs in; a different key later is refused until an admin
-- forgets the pinned one. next_poll_at is also the lease of the node polling it.
CREATE TABLE sftp_site (
    district_id        bigint      NOT NULL PRIMARY KEY REFERENCES district (id),
    host               text        NOT NULL,
    port               integer     NOT NULL DEFAULT 22 CHECK (port BETWEEN 1 AND 65535),
    username           text        NOT NULL,
    folder             text        NOT NULL DEFAULT '.',
    password_sealed    text,
    private_key_sealed text,
    passphrase_sealed  text,
    host_key           text,
    host_key_pinned_at timestamptz,
    write_results      boolean     NOT NULL DEFAULT false,
    enabled            boolean     NOT NULL DEFAULT true,
    next_poll_at       timestamptz NOT NULL DEFAULT now(),
    polled_at          timestamptz,
    poll_error         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (password_sealed IS NOT NULL OR private_key_sealed IS NOT NULL)
);

-- The files last listed in a district's site: since when each has had its size and time, and when
-- it was taken into a drop (a file taken is not taken again until it changes).
CREATE TABLE sftp_site_file (
    district_id bigint      NOT NULL REFERENCES sftp_site (district_id) ON DELETE CASCADE,
    name        text        NOT NULL,
    size        bigint      NOT NULL,
    modified    bigint      NOT NULL,
    seen_since  timestamptz NOT NULL,
    taken_at    timestamptz,
    PRIMARY KEY (district_id, name)
);

-- The short result of a polled drop, to write into the site's out/ folder for the SIS team's own
-- automation; written_at once it is there.
CREATE TABLE drop_result (
    district_id bigint      NOT NULL,
    intake_id   bigint      NOT NULL,
    name        text        NOT NULL,
    body        text        NOT NULL,
    written_at  timestamptz,
    PRIMARY KEY (district_id, intake_id),
    FOREIGN KEY (district_id, intake_id) REFERENCES intake (district_id, id) ON DELETE CASCADE
);

-- When a district's files are a complete drop (unchanged for a while; a ZIP under its final name;
-- a marker file), and how long its kept drops stay. stable_seconds NULL: the installation's default.
CREATE TABLE drop_arrival (
    district_id    bigint  NOT NULL PRIMARY KEY REFERENCES district (id),
    completeness   text    NOT NULL DEFAULT 'stable' CHECK (completeness IN ('stable', 'renamed_zip', 'marker')),
    stable_seconds integer CHECK (stable_seconds BETWEEN 0 AND 86400),
    marker_file    text    NOT NULL DEFAULT 'ready.txt',
    keep_days      integer NOT NULL DEFAULT 90 CHECK (keep_days BETWEEN 1 AND 3650)
);

-- A kept drop whose files were deleted once the district's retention ran out; the row (names,
-- sizes, SHA-256, outcome) stays for the feed's history.
ALTER TABLE intake ADD COLUMN purged_at timestamptz;
