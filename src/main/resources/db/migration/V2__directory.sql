-- The directory: what the district sees in its district and school directories and classroom pages.
-- Every table is keyed by district first. Records the sync manages say so (managed_by names the
-- source, e.g. 'oneroster'); records people made by hand have managed_by NULL. A record is active,
-- pending removal (left the feed, inside the grace period) or archived. edited_fields lists the
-- fields an admin changed by hand, which the sync does not overwrite unless the district allows it.

CREATE TABLE school (
    district_id    bigint      NOT NULL REFERENCES district (id),
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    name           text        NOT NULL,
    managed_by     text,
    state          text        NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'pending_removal', 'archived')),
    edited_fields  text[]      NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, id)
);

-- School IDs: the OneRoster org sourcedIds an admin matched to a school. Several may map to one
-- school; one never to two (the primary key).
CREATE TABLE school_source_id (
    district_id    bigint NOT NULL,
    org_sourced_id text   NOT NULL,
    school_id      bigint NOT NULL,
    PRIMARY KEY (district_id, org_sourced_id),
    FOREIGN KEY (district_id, school_id) REFERENCES school (district_id, id) ON DELETE CASCADE
);

CREATE TABLE person (
    district_id           bigint      NOT NULL REFERENCES district (id),
    id                    bigint      GENERATED ALWAYS AS IDENTITY,
    given_name            text        NOT NULL,
    family_name           text        NOT NULL,
    middle_name           text,
    preferred_given_name  text,
    preferred_family_name text,
    email                 text,
    sms_phone             text,
    home_phone            text,
    grade                 text,
    student_number        text,
    username              text,
    managed_by            text,
    state                 text        NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'pending_removal', 'archived')),
    removal_due_at        timestamptz,
    edited_fields         text[]      NOT NULL DEFAULT '{}',
    signed_in_at          timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, id)
);
CREATE INDEX person_email ON person (district_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX person_student_number ON person (district_id, student_number) WHERE student_number IS NOT NULL;

-- One person, several roles (a teacher who is also a parent): per school where the role has one.
CREATE TABLE person_role (
    district_id bigint NOT NULL,
    id          bigint GENERATED ALWAYS AS IDENTITY,
    person_id   bigint NOT NULL,
    role        text   NOT NULL CHECK (role IN ('student', 'teacher', 'aide', 'administrator',
                                                'parent', 'guardian', 'relative')),
    school_id   bigint,
    managed_by  text,
    PRIMARY KEY (district_id, id),
    FOREIGN KEY (district_id, person_id) REFERENCES person (district_id, id) ON DELETE CASCADE,
    FOREIGN KEY (district_id, school_id) REFERENCES school (district_id, id)
);
CREATE UNIQUE INDEX person_role_once ON person_role (district_id, person_id, role, coalesce(school_id, 0));

-- Which source record a directory record is: (source, kind, sourcedId) → local id. A person may be
-- several OneRoster rows (1.1 sends a teacher who is a parent twice), so several links may point at
-- one person; one source record never links to two.
CREATE TABLE source_link (
    district_id bigint      NOT NULL REFERENCES district (id),
    source      text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('school', 'person', 'classroom')),
    sourced_id  text        NOT NULL,
    local_id    bigint      NOT NULL,
    linked_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, source, kind, sourced_id)
);
CREATE INDEX source_link_local ON source_link (district_id, kind, local_id);

CREATE TABLE guardian_link (
    district_id  bigint NOT NULL,
    guardian_id  bigint NOT NULL,
    student_id   bigint NOT NULL,
    relationship text   NOT NULL CHECK (relationship IN ('parent', 'guardian', 'relative')),
    managed_by   text,
    PRIMARY KEY (district_id, guardian_id, student_id),
    FOREIGN KEY (district_id, guardian_id) REFERENCES person (district_id, id) ON DELETE CASCADE,
    FOREIGN KEY (district_id, student_id) REFERENCES person (district_id, id) ON DELETE CASCADE,
    CHECK (guardian_id <> student_id)
);
CREATE INDEX guardian_link_student ON guardian_link (district_id, student_id);

CREATE TABLE classroom (
    district_id    bigint      NOT NULL,
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    school_id      bigint      NOT NULL,
    title          text        NOT NULL,
    code           text,
    grades         text[]      NOT NULL DEFAULT '{}',
    periods        text[]      NOT NULL DEFAULT '{}',
    terms          text[]      NOT NULL DEFAULT '{}',
    managed_by     text,
    state          text        NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'pending_removal', 'archived')),
    removal_due_at timestamptz,
    edited_fields  text[]      NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, id),
    FOREIGN KEY (district_id, school_id) REFERENCES school (district_id, id)
);

CREATE TABLE classroom_member (
    district_id  bigint  NOT NULL,
    classroom_id bigint  NOT NULL,
    person_id    bigint  NOT NULL,
    role         text    NOT NULL CHECK (role IN ('teacher', 'student', 'administrator', 'proctor')),
    is_primary   boolean NOT NULL DEFAULT false,
    begin_date   date,
    end_date     date,
    managed_by   text,
    PRIMARY KEY (district_id, classroom_id, person_id, role),
    FOREIGN KEY (district_id, classroom_id) REFERENCES classroom (district_id, id) ON DELETE CASCADE,
    FOREIGN KEY (district_id, person_id) REFERENCES person (district_id, id) ON DELETE CASCADE
);
CREATE INDEX classroom_member_person ON classroom_member (district_id, person_id);

-- What other parts of the product attach to a student; a merge of duplicate students moves them.
CREATE TABLE announcement (
    district_id bigint      NOT NULL,
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    student_id  bigint      NOT NULL,
    title       text        NOT NULL,
    body        text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, id),
    FOREIGN KEY (district_id, student_id) REFERENCES person (district_id, id)
);

CREATE TABLE backpack_item (
    district_id bigint      NOT NULL,
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    student_id  bigint      NOT NULL,
    name        text        NOT NULL,
    content_ref text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, id),
    FOREIGN KEY (district_id, student_id) REFERENCES person (district_id, id)
);

CREATE TABLE interaction_log (
    district_id bigint      NOT NULL,
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    student_id  bigint      NOT NULL,
    kind        text        NOT NULL,
    note        text        NOT NULL DEFAULT '',
    author      text,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, id),
    FOREIGN KEY (district_id, student_id) REFERENCES person (district_id, id)
);

CREATE TABLE student_attribute (
    district_id bigint      NOT NULL,
    student_id  bigint      NOT NULL,
    name        text        NOT NULL,
    value       text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, student_id, name),
    FOREIGN KEY (district_id, student_id) REFERENCES person (district_id, id)
);
