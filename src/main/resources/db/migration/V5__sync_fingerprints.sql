-- What the last applied sync of a district wanted, compactly, so that a run whose files did not
-- change reads no directory rows. A fingerprint holds only while nothing else wrote the directory:
-- every write outside a sync (settings, hand edits, undo, approval, merge) bumps the district's
-- directory_epoch, and a fingerprint of another epoch is ignored (the run reconciles against the
-- directory tables instead).
ALTER TABLE district ADD COLUMN directory_epoch bigint NOT NULL DEFAULT 0;

CREATE TABLE sync_fingerprint (
    district_id bigint      NOT NULL REFERENCES district (id),
    source      text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('people', 'memberships', 'guardian_links')),
    epoch       bigint      NOT NULL,
    data        bytea       NOT NULL,
    written_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, source, kind)
);

-- A first load writes ten memberships per student; an index on the run that created them costs more
-- there than it saves an undo, which can afford to scan.
DROP INDEX classroom_member_created_run;
DROP INDEX guardian_link_created_run;

-- Fingerprints are hashes: they do not compress, so do not try (a large district's is ~60 MB).
ALTER TABLE sync_fingerprint ALTER COLUMN data SET STORAGE EXTERNAL;
