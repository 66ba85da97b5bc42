-- Pulls of changes only (OneRoster REST's filter=dateLastModified>'...') between whole pulls.
-- full_pull_every null: every pull reads the whole roster (the default; always right). Otherwise a
-- pull reads only what changed since the last pull whose drop the directory holds, and the whole
-- roster again once this long has passed since the last whole pull: a provider that deletes records
-- outright, rather than marking them tobedeleted, is caught up with then.
ALTER TABLE roster_api ADD COLUMN full_pull_every interval
    CHECK (full_pull_every BETWEEN interval '1 hour' AND interval '7 days');
ALTER TABLE roster_api ADD COLUMN full_pulled_at timestamptz;
-- the last pull in an admin's words: "the whole roster", "changes since ...", "no changes since ..."
ALTER TABLE roster_api ADD COLUMN last_pull text;

-- What each pulled drop covers: the source as of as_of (the provider's own clock at the pull's first
-- request, less an overlap for changes still being written then), whole (changes_since null) or the
-- changes since changes_since. The next pull of changes starts at the as_of of the drop whose run
-- the directory holds.
CREATE TABLE api_pull (
    district_id   bigint      NOT NULL,
    intake_id     bigint      NOT NULL,
    changes_since timestamptz,
    as_of         timestamptz NOT NULL,
    PRIMARY KEY (district_id, intake_id),
    FOREIGN KEY (district_id, intake_id) REFERENCES intake (district_id, id) ON DELETE CASCADE
);
