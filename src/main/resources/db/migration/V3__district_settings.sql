-- A district's sync settings (io.rostersync.settings.SyncSettings as JSON): one row per district,
-- absent until the district changes a default.
CREATE TABLE district_settings (
    district_id bigint      NOT NULL REFERENCES district (id),
    settings    jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id)
);
