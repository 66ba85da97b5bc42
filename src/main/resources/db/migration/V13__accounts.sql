-- Local admin accounts. A username signs in before its district is known, so it is unique across
-- the installation (the one lookup that is not district-first; a small table, kept on every shard).
-- Passwords are kept only as Argon2id hashes.
CREATE TABLE admin_account (
    district_id   bigint      NOT NULL REFERENCES district (id),
    id            bigint      GENERATED ALWAYS AS IDENTITY,
    username      text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._@+-]{0,127}$'),
    role          text        NOT NULL CHECK (role IN ('district_admin', 'school_admin')),
    password_hash text        NOT NULL,
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, id)
);

-- The schools a school admin may see and act on (a district admin has none listed: all of them).
CREATE TABLE admin_school (
    district_id bigint NOT NULL,
    admin_id    bigint NOT NULL,
    school_id   bigint NOT NULL,
    PRIMARY KEY (district_id, admin_id, school_id),
    FOREIGN KEY (district_id, admin_id) REFERENCES admin_account (district_id, id) ON DELETE CASCADE,
    FOREIGN KEY (district_id, school_id) REFERENCES school (district_id, id) ON DELETE CASCADE
);

-- Tokens for the REST API, each acting for its district as a district admin would. A token is 256
-- random bits, so its SHA-256 is enough to find and check it; the token itself is shown once.
CREATE TABLE api_token (
    district_id  bigint      NOT NULL REFERENCES district (id),
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_sha256 text        NOT NULL UNIQUE,
    shown_prefix text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    PRIMARY KEY (district_id, id)
);

-- What admins (and their tokens) did: who, from where, what, to which record, and how it ended.
CREATE TABLE audit_event (
    district_id bigint      NOT NULL REFERENCES district (id),
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    actor_kind  text        NOT NULL CHECK (actor_kind IN ('admin', 'token', 'operator', 'system')),
    address     text,
    action      text        NOT NULL,
    target      text,
    detail      text,
    PRIMARY KEY (district_id, id)
);
CREATE INDEX audit_event_recent ON audit_event (district_id, at DESC);
