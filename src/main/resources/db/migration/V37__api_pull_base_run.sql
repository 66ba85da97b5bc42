-- The run a pull of changes was read on top of: the changes are synced only while the directory still
-- holds that run as its latest (no undo, setting, answer or other drop since), else the drop is set
-- aside and the next pull reads the whole roster.
ALTER TABLE api_pull ADD COLUMN base_run bigint;
