-- A drop can come from an API pull (a OneRoster REST provider, later Clever): written as the OneRoster
-- CSV package of what was read, and then taken like any other drop.
ALTER TABLE intake DROP CONSTRAINT intake_channel_check;
ALTER TABLE intake ADD CONSTRAINT intake_channel_check CHECK (channel IN ('sftp', 'upload', 'poll', 'rerun', 'api'));
