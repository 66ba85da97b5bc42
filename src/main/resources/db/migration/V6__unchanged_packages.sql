-- A drop whose files are, byte for byte, those of the last fully applied run (and nothing else wrote
-- the directory since) changes nothing: the engine then skips planning. Its key is kept as one more
-- fingerprint kind.
ALTER TABLE sync_fingerprint DROP CONSTRAINT sync_fingerprint_kind_check;
ALTER TABLE sync_fingerprint ADD CONSTRAINT sync_fingerprint_kind_check
    CHECK (kind IN ('people', 'memberships', 'guardian_links', 'package'));

-- Records waiting out a grace period: a run must look at them even when its files did not change
-- (their time may have come), and the review of pending removals lists them.
CREATE INDEX person_pending_removal ON person (district_id, removal_due_at) WHERE state = 'pending_removal';
CREATE INDEX classroom_pending_removal ON classroom (district_id, removal_due_at) WHERE state = 'pending_removal';
