-- Classrooms are remembered between runs as people are (one row per linked class: its classroom,
-- a fingerprint of its fields and school, its state), so that a night's run reads from the
-- directory only the classrooms whose class changed.
ALTER TABLE sync_fingerprint DROP CONSTRAINT sync_fingerprint_kind_check;
ALTER TABLE sync_fingerprint ADD CONSTRAINT sync_fingerprint_kind_check
    CHECK (kind IN ('people', 'classrooms', 'memberships', 'guardian_links', 'package'));
