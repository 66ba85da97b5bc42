-- A district's roster API (a OneRoster REST provider: ClassLink's Roster Server, PowerSchool, Infinite
-- Campus and others), pulled on an interval into drops that then follow the district's schedule. The
-- secret (an OAuth client secret, or a token) is sealed (AES-GCM under the installation's key,
-- SecretBox), never stored as given and never shown again. next_pull_at is also the lease of the node
-- pulling it: taken FOR UPDATE SKIP LOCKED and moved on by the lease, so that two nodes never pull one
-- district at once, and a node that dies lets another take it when the lease ends.
CREATE TABLE roster_api (
    district_id       bigint      NOT NULL PRIMARY KEY REFERENCES district (id),
    base_url          text        NOT NULL,
    oneroster_version text        NOT NULL CHECK (oneroster_version IN ('1.1', '1.2')),
    auth              text        NOT NULL CHECK (auth IN ('oauth1_hmac_sha256', 'oauth2_client_credentials', 'bearer')),
    client_id         text,
    secret_sealed     text        NOT NULL,
    token_url         text,
    scope             text,
    pull_every        interval    NOT NULL DEFAULT '1 hour' CHECK (pull_every >= interval '5 minutes'),
    enabled           boolean     NOT NULL DEFAULT true,
    next_pull_at      timestamptz NOT NULL DEFAULT '-infinity',
    pulled_at         timestamptz,
    pull_error        text,
    pull_requests     bigint,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (auth <> 'oauth2_client_credentials' OR token_url IS NOT NULL)
);
