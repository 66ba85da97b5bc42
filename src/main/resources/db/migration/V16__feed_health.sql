-- When a district's feed is unwell (see FeedSettings), and whom to tell by email.
CREATE TABLE feed_health_settings (
    district_id       bigint  NOT NULL PRIMARY KEY REFERENCES district (id),
    quiet_days        integer NOT NULL DEFAULT 2 CHECK (quiet_days BETWEEN 1 AND 60),
    same_file_days    integer NOT NULL DEFAULT 3 CHECK (same_file_days BETWEEN 1 AND 60),
    shrink_percent    integer NOT NULL DEFAULT 30 CHECK (shrink_percent BETWEEN 5 AND 95),
    failures_in_a_row integer NOT NULL DEFAULT 2 CHECK (failures_in_a_row BETWEEN 1 AND 20),
    notify            text[]  NOT NULL DEFAULT '{}'
);

-- A finding raised for a district's feed, open until it clears. One open alert per kind (the
-- unique index), so that of several nodes checking at once only one raises it and sends its email.
CREATE TABLE feed_alert (
    district_id         bigint      NOT NULL REFERENCES district (id),
    id                  bigint      GENERATED ALWAYS AS IDENTITY,
    kind                text        NOT NULL CHECK (kind IN ('quiet', 'same_file', 'shrank', 'failing')),
    message             text        NOT NULL,
    raised_at           timestamptz NOT NULL DEFAULT now(),
    notified_at         timestamptz,
    cleared_at          timestamptz,
    PRIMARY KEY (district_id, id)
);
CREATE UNIQUE INDEX feed_alert_open ON feed_alert (district_id, kind) WHERE cleared_at IS NULL;
