-- Tiny migration used only by io.rostersync.platform.FlywayOnEmbeddedPostgresTest.
CREATE TABLE compat_probe (
    id      bigint PRIMARY KEY,
    payload jsonb  NOT NULL
);

INSERT INTO compat_probe (id, payload) VALUES (1, '{"source": "flyway", "district": "Springfield"}');
