-- When the directory (or the sync settings) last changed outside a sync, beside the epoch that
-- counts those changes: a preview made before it no longer tells what the next sync would do, so
-- the setup's self-check asks for a new one.
ALTER TABLE district ADD COLUMN directory_changed_at timestamptz NOT NULL DEFAULT now();
