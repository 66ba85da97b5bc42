-- What the installation's secret key gives for a fixed value (a keyed hash, which tells nothing of the
-- key): a node or a command with another key (ROSTERSYNC_SECRET_KEY unset, or another DATA_DIR/secret.key)
-- is refused before it keys a birth date, instead of keying every student anew and apart from the rest.
CREATE TABLE installation_key (
    id          integer     PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    check_value text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
