-- The SFTP folder we host for each district: one account per district, chrooted to its folder.
-- Passwords are kept only as Argon2id hashes; public keys as the OpenSSH line the admin gave.
CREATE TABLE sftp_account (
    district_id   bigint      NOT NULL PRIMARY KEY REFERENCES district (id),
    username      text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    password_hash text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sftp_public_key (
    district_id bigint      NOT NULL REFERENCES sftp_account (district_id) ON DELETE CASCADE,
    fingerprint text        NOT NULL,
    public_key  text        NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, fingerprint)
);

-- Every login, refusal, lockout and file of a district's account. A refusal of a name that is no
-- account belongs to no district: it goes to the application log only (an attacker's guesses are
-- the operator's to see, not a district's).
CREATE TABLE sftp_event (
    district_id bigint      NOT NULL REFERENCES district (id),
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    at          timestamptz NOT NULL DEFAULT now(),
    username    text        NOT NULL,
    address     text        NOT NULL,
    event       text        NOT NULL CHECK (event IN ('login', 'refused', 'locked', 'file_written')),
    detail      text,
    PRIMARY KEY (district_id, id)
);
