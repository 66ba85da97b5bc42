-- Which admin account a sign-in through the district's identity provider is: the value the provider's
-- identity claim carries for that admin (their Clever id, ClassLink SourcedId, or what the district's
-- own provider names, such as a verified email under its tenant). Set by a district admin, never
-- guessed from a name: one value is one account per provider.
CREATE TABLE admin_sign_in (
    district_id bigint      NOT NULL,
    provider    text        NOT NULL CHECK (provider IN ('clever', 'classlink', 'oidc')),
    identity    text        NOT NULL CHECK (length(identity) BETWEEN 1 AND 256),
    admin_id    bigint      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, provider, identity),
    UNIQUE (district_id, admin_id, provider),
    FOREIGN KEY (district_id, admin_id) REFERENCES admin_account (district_id, id) ON DELETE CASCADE
);
