-- When a district's drops are synced: as they arrive, or at a daily time in the district's time
-- zone; not before a date while paused (summer, rollover).
ALTER TABLE district_schedule
    ADD COLUMN mode         text NOT NULL DEFAULT 'on_arrival' CHECK (mode IN ('on_arrival', 'daily')),
    ADD COLUMN daily_at     time NOT NULL DEFAULT '02:00',
    ADD COLUMN time_zone    text NOT NULL DEFAULT 'UTC',
    ADD COLUMN paused_until date;

-- A received drop is synced once its time has come: not_before is set by the schedule (NULL: not
-- yet looked at), and moved by a change of schedule or "run now". A rerun is a kept drop sent again
-- by an admin's "run now".
ALTER TABLE intake ADD COLUMN not_before timestamptz;
UPDATE intake SET not_before = received_at WHERE status = 'received';
ALTER TABLE intake DROP CONSTRAINT intake_channel_check;
ALTER TABLE intake ADD CONSTRAINT intake_channel_check CHECK (channel IN ('sftp', 'upload', 'poll', 'rerun'));
