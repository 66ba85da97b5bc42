-- A district is the tenant: every other table is keyed by district first, so that a district is
-- the natural shard (Citus) when one server is outgrown.
CREATE TABLE district (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
