-- How a district's people sign in through their identity provider (OpenID Connect): Clever, ClassLink,
-- or the district's own (Google, Microsoft). The client secret is sealed (SecretBox). identity_claim
-- names the claim that carries the person's id in the roster (their sourcedId): the signed-in identity
-- is resolved through the directory's source links, never by a name.
CREATE TABLE district_sso (
    district_id          bigint      NOT NULL REFERENCES district (id),
    provider             text        NOT NULL CHECK (provider IN ('clever', 'classlink', 'oidc')),
    issuer               text        NOT NULL,
    client_id            text        NOT NULL,
    client_secret_sealed text        NOT NULL,
    identity_claim       text        NOT NULL DEFAULT 'sub',
    enabled              boolean     NOT NULL DEFAULT true,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, provider)
);
