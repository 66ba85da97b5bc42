package io.rostersync.directory.internal;

import io.rostersync.directory.DirectoryChange;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.FieldChange;
import io.rostersync.directory.RecordState;
import io.rostersync.oneroster.RecordOrigin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a run's changes set-based: each change is COPYed into a staging table of its type as it
 * arrives (so the change set streams through, never held), and {@link #finish()} applies each
 * staging table with one statement per table and field (INSERT ... SELECT, INSERT ... ON CONFLICT,
 * UPDATE ... FROM, DELETE ... USING). Created records are marked with the run and their source line,
 * which is how a first load stays one write per row and how undo finds them.
 */
public final class ChangeStager implements DirectoryTransaction.ChangeSink {

    private static final Map<String, String> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("stage_create_school", "id bigint, name text");
        STAGES.put("stage_create_person", "id bigint, kind text, " + String.join(" text, ", PersonColumns.FIELDS)
                + " text, roles text, line integer");
        STAGES.put("stage_create_classroom", "id bigint, school_id bigint, title text, code text, grades text,"
                + " periods text, terms text, line integer");
        STAGES.put("stage_link", "kind text, local_id bigint, sourced_id text, hand_owned text");
        STAGES.put("stage_unlink", "kind text, local_id bigint, sourced_id text");
        STAGES.put("stage_update", "kind text, local_id bigint, field text, value text");
        STAGES.put("stage_state", "kind text, local_id bigint, state text, due timestamptz");
        STAGES.put("stage_member", "classroom_id bigint, person_id bigint, role text, is_primary boolean, line integer");
        STAGES.put("stage_member_gone", "classroom_id bigint, person_id bigint, role text");
        STAGES.put("stage_guardian", "guardian_id bigint, student_id bigint, relationship text, line integer");
        STAGES.put("stage_guardian_gone", "guardian_id bigint, student_id bigint");
        STAGES.put("stage_remove", "kind text, local_id bigint");
    }

    private static final List<String> CLASSROOM_TEXT = List.of("title", "code");
    private static final List<String> CLASSROOM_LISTS = List.of("grades", "periods", "terms");
    /** Source links sorted at a time (see {@link #sortedLinks}). */
    private static final int SORTED_LINKS = 250_000;
    /**
     * Past this many created rows, the triggers cost more than the check: 80,000 new memberships of a
     * nightly run took 6 s with them (two lookups that lock a row each), well under one without.
     */
    private static final long BULK_ROWS = 20_000;

    private final Connection connection;
    private final long districtId;
    private final long runId;
    private final String source;
    private final Map<String, io.rostersync.storage.CopyBuffer> buffers = new LinkedHashMap<>();
    /** In direct mode, the directory tables creates are copied into, in the order their foreign keys need. */
    private final Map<String, io.rostersync.storage.CopyBuffer> direct = new LinkedHashMap<>();
    /** Whether some direct rows went in without their foreign keys checked row by row (see {@link #flushDirect}). */
    private boolean bulkUnchecked;
    /** In direct mode, what sends the direct tables' rows while the run goes on planning. */
    private final io.rostersync.storage.CopyPipeline pipeline;
    private final DirectReferences references = new DirectReferences();
    /** Source links of created records, written in the order of their key (see {@link #sortedLinks}). */
    private final List<PendingLink> pendingLinks = new ArrayList<>();
    private final long bulkRows;
    private Boolean mayDisableRowChecks;

    private record PendingLink(String kind, String sourcedId, long localId) {
    }

    /**
     * @param directCreates copy created records straight into the directory tables as they come,
     *                      rather than staging them (a first load then writes each row once); only for a
     *                      run that applies its creates whatever its guard decides
     */
    public ChangeStager(Connection connection, long districtId, long runId, String source, boolean directCreates)
            throws SQLException {
        this(connection, districtId, runId, source, directCreates, BULK_ROWS);
    }

    /** @param bulkRows how many direct rows make a bulk load (tests make it small) */
    ChangeStager(Connection connection, long districtId, long runId, String source, boolean directCreates,
            long bulkRows) throws SQLException {
        this.bulkRows = bulkRows;
        this.connection = connection;
        this.pipeline = directCreates ? new io.rostersync.storage.CopyPipeline(connection) : null;
        this.districtId = districtId;
        this.runId = runId;
        this.source = source;
        if (directCreates) {
            direct.put("school", new io.rostersync.storage.CopyBuffer(connection,
                    "school (district_id, id, name, managed_by, created_run)", false));
            direct.put("school_source_id", new io.rostersync.storage.CopyBuffer(connection,
                    "school_source_id (district_id, org_sourced_id, school_id)", false));
            direct.put("person", new io.rostersync.storage.CopyBuffer(connection, "person (district_id, id, kind, "
                    + String.join(", ", PersonColumns.FIELDS) + ", managed_by, created_run, source_line)", false));
            direct.put("person_role", new io.rostersync.storage.CopyBuffer(connection,
                    "person_role (district_id, person_id, role, school_id, managed_by, created_run)", false));
            direct.put("classroom", new io.rostersync.storage.CopyBuffer(connection, "classroom (district_id, id,"
                    + " school_id, title, code, grades, periods, terms, managed_by, created_run, source_line)", false));
            direct.put("source_link", new io.rostersync.storage.CopyBuffer(connection,
                    "source_link (district_id, source, kind, sourced_id, local_id, created_run)", false));
            direct.put("classroom_member", new io.rostersync.storage.CopyBuffer(connection, "classroom_member"
                    + " (district_id, classroom_id, person_id, role, is_primary, managed_by, created_run, source_line)",
                    false));
            direct.put("guardian_link", new io.rostersync.storage.CopyBuffer(connection, "guardian_link (district_id,"
                    + " guardian_id, student_id, relationship, managed_by, created_run, source_line)", false));
        }
        try (Statement s = connection.createStatement()) {
            for (var stage : STAGES.entrySet()) {
                s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage.getKey() + " (" + stage.getValue()
                        + ") ON COMMIT DROP");
                s.execute("TRUNCATE " + stage.getKey());
            }
        }
        for (var stage : STAGES.entrySet()) {
            String columns = stage.getValue().replaceAll(" (text|bigint|integer|boolean|timestamptz)", "");
            buffers.put(stage.getKey(), new io.rostersync.storage.CopyBuffer(connection,
                    stage.getKey() + " (" + columns + ")"));
        }
    }

    @Override
    public void accept(DirectoryChange change) {
        try {
            stage(change);
        } catch (SQLException e) {
            // a COPY that failed on the pipeline's thread aborts the transaction: that is the cause to report,
            // not "current transaction is aborted" from whatever statement ran next
            throw new DirectoryWriteException(pipeline == null ? e : pipeline.failure().orElse(e));
        }
    }

    private void stage(DirectoryChange change) throws SQLException {
        if (!direct.isEmpty() && copiedDirectly(change)) {
            for (io.rostersync.storage.CopyBuffer b : direct.values()) {
                if (b.full()) {
                    flushDirect();
                    break;
                }
            }
            return;
        }
        if (change instanceof DirectoryChange.Create c) {
            create(c);
        } else if (change instanceof DirectoryChange.Update u) {
            for (FieldChange f : u.fields()) {
                buffer("stage_update").add(u.kind().label()).add(u.localId()).add(f.field()).add(f.after()).endRow();
            }
        } else if (change instanceof DirectoryChange.Link l) {
            link(l.kind(), l.localId(), l.sourcedId(), String.join(",", new java.util.TreeSet<>(l.handOwned())));
        } else if (change instanceof DirectoryChange.Unlink u) {
            buffer("stage_unlink").add(Tables.of(u.kind())).add(u.localId()).add(u.sourcedId()).endRow();
        } else if (change instanceof DirectoryChange.Remove r) {
            buffer("stage_remove").add(Tables.of(r.kind())).add(r.localId()).endRow();
        } else if (change instanceof DirectoryChange.MarkPendingRemoval p) {
            state(p.kind(), p.localId(), RecordState.PENDING_REMOVAL, p.dueAt());
        } else if (change instanceof DirectoryChange.Archive a) {
            state(a.kind(), a.localId(), RecordState.ARCHIVED, null);
        } else if (change instanceof DirectoryChange.Restore r) {
            state(r.kind(), r.localId(), RecordState.ACTIVE, null);
        } else if (change instanceof DirectoryChange.ResetState r) {
            state(r.kind(), r.localId(), r.state(), r.dueAt());
        } else if (change instanceof DirectoryChange.MemberAdded m) {
            buffer("stage_member").add(m.classroomId()).add(m.personId()).add(m.role()).add(m.primary())
                    .add(line(m.origin())).endRow();
        } else if (change instanceof DirectoryChange.MemberRemoved m) {
            buffer("stage_member_gone").add(m.classroomId()).add(m.personId()).add(m.role()).endRow();
        } else if (change instanceof DirectoryChange.GuardianLinkAdded g) {
            buffer("stage_guardian").add(g.guardianId()).add(g.studentId()).add(g.relationship())
                    .add(line(g.origin())).endRow();
        } else if (change instanceof DirectoryChange.GuardianLinkRemoved g) {
            buffer("stage_guardian_gone").add(g.guardianId()).add(g.studentId()).endRow();
        }
    }

    /** Copies a creation straight into its tables; false for other changes, which are staged. */
    private boolean copiedDirectly(DirectoryChange change) throws SQLException {
        if (change instanceof DirectoryChange.Create c) {
            Map<String, String> f = c.fields();
            switch (c.kind()) {
                case SCHOOLS -> {
                    references.created(DirectReferences.Table.SCHOOL, c.localId());
                    direct.get("school").add(districtId).add(c.localId()).add(f.get("name")).add(source).add(runId)
                            .endRow();
                    if (c.sourcedId() != null) {
                        direct.get("school_source_id").add(districtId).add(c.sourcedId()).add(c.localId()).endRow();
                    }
                    return true;
                }
                case STUDENTS, STAFF, GUARDIANS -> {
                    references.created(DirectReferences.Table.PERSON, c.localId());
                    var b = direct.get("person").add(districtId).add(c.localId()).add(c.kind().label());
                    for (String field : PersonColumns.FIELDS) {
                        b.add(f.get(field));
                    }
                    b.add(source).add(runId).add(line(c.origin())).endRow();
                    String roles = f.get("roles");
                    if (roles != null && !roles.isEmpty()) {
                        for (String role : roles.split(",")) {
                            int at = role.indexOf('@');
                            String school = role.substring(at + 1);
                            if (!school.equals("district")) {
                                references.referenced(DirectReferences.Table.SCHOOL, Long.parseLong(school));
                            }
                            direct.get("person_role").add(districtId).add(c.localId()).add(role.substring(0, at))
                                    .add(school.equals("district") ? null : Long.valueOf(school)).add(source).add(runId)
                                    .endRow();
                        }
                    }
                }
                case CLASSROOMS -> {
                    references.created(DirectReferences.Table.CLASSROOM, c.localId());
                    references.referenced(DirectReferences.Table.SCHOOL, Long.parseLong(f.get("school_id")));
                    direct.get("classroom").add(districtId).add(c.localId())
                        .add(Long.valueOf(f.get("school_id"))).add(f.get("title")).add(f.get("code"))
                        .add(array(f.get("grades"))).add(array(f.get("periods"))).add(array(f.get("terms")))
                        .add(source).add(runId).add(line(c.origin())).endRow();
                }
                case ENROLLMENTS -> throw new IllegalArgumentException("an enrollment is created as MemberAdded");
            }
            String kind = Tables.of(c.kind());
            if (c.sourcedId() != null) {
                pendingLinks.add(new PendingLink(kind, c.sourcedId(), c.localId()));
            }
            for (String also : c.alsoSourcedIds()) {
                pendingLinks.add(new PendingLink(kind, also, c.localId()));
            }
            if (pendingLinks.size() >= SORTED_LINKS) {
                sortedLinks();
            }
            return true;
        }
        if (change instanceof DirectoryChange.MemberAdded m && m.primaryBefore() == null) {
            references.referenced(DirectReferences.Table.CLASSROOM, m.classroomId());
            references.referenced(DirectReferences.Table.PERSON, m.personId());
            direct.get("classroom_member").add(districtId).add(m.classroomId()).add(m.personId()).add(m.role())
                    .add(m.primary()).add(source).add(runId).add(line(m.origin())).endRow();
            return true;
        }
        if (change instanceof DirectoryChange.GuardianLinkAdded g && g.relationshipBefore() == null) {
            references.referenced(DirectReferences.Table.PERSON, g.guardianId());
            references.referenced(DirectReferences.Table.PERSON, g.studentId());
            direct.get("guardian_link").add(districtId).add(g.guardianId()).add(g.studentId()).add(g.relationship())
                    .add(source).add(runId).add(line(g.origin())).endRow();
            return true;
        }
        return false;
    }

    /**
     * Moves the pending source links into their COPY in the order of the table's key. The key ends
     * with the sourcedId, random (often a UUID) in the order users.csv lists them: 2M links inserted
     * as they come took three times as long as the same links sorted, which keep the index's writes
     * on neighbouring pages. Sorted a quarter of a million at a time, to bound the memory.
     */
    private void sortedLinks() throws SQLException {
        pendingLinks.sort(java.util.Comparator.comparing(PendingLink::kind).thenComparing(PendingLink::sourcedId));
        for (PendingLink link : pendingLinks) {
            direct.get("source_link").add(districtId).add(source).add(link.kind()).add(link.sourcedId())
                    .add(link.localId()).add(runId).endRow();
        }
        pendingLinks.clear();
    }

    /**
     * Hands every direct table's rows to the pipeline, the ones others refer to first, and goes on
     * planning while the server stores them. Once a run has created more than {@link #BULK_ROWS} rows
     * (a first load, or a night's new memberships), the transaction's writes go in with the per-row
     * foreign-key triggers off ({@code session_replication_role = replica}, as pg_restore does) until
     * {@link #finish}: each membership row would otherwise run two lookups that lock the referenced
     * rows, which made a 7M-row load four times slower. {@link DirectReferences} checks every
     * reference of the directory rows the run wrote before the transaction can commit; the run's
     * other writes meanwhile are its journal and skips (which refer to the run itself) and its
     * staging tables (no keys), and it deletes nothing before {@link #finish}, so no cascade is
     * missed. Needs superuser or, from PostgreSQL 15, {@code GRANT SET ON PARAMETER
     * session_replication_role}; without it every row is checked as usual.
     */
    private void flushDirect() throws SQLException {
        if (!bulkUnchecked) {
            long rows = 0;
            for (io.rostersync.storage.CopyBuffer b : direct.values()) {
                rows += b.rows();
            }
            if (rows >= bulkRows && mayDisableRowChecks()) {
                pipeline.drain();
                execute("SET LOCAL session_replication_role = replica");
                bulkUnchecked = true;
            }
        }
        for (io.rostersync.storage.CopyBuffer b : direct.values()) {
            b.flushTo(pipeline);
        }
    }

    private boolean mayDisableRowChecks() throws SQLException {
        if (mayDisableRowChecks == null) {
            try (Statement s = connection.createStatement();
                 var r = s.executeQuery("SELECT current_setting('is_superuser') = 'on'"
                         + " OR has_parameter_privilege('session_replication_role', 'SET')")) {
                mayDisableRowChecks = r.next() && r.getBoolean(1);
            }
        }
        return mayDisableRowChecks;
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** A comma-joined list as a PostgreSQL array literal. */
    private static String array(String joined) {
        if (joined == null || joined.isEmpty()) {
            return "{}";
        }
        StringBuilder b = new StringBuilder("{");
        String[] items = joined.split(",");
        for (int i = 0; i < items.length; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(items[i].replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return b.append('}').toString();
    }

    private void create(DirectoryChange.Create c) throws SQLException {
        Map<String, String> f = c.fields();
        switch (c.kind()) {
            case SCHOOLS -> buffer("stage_create_school").add(c.localId()).add(f.get("name")).endRow();
            case STUDENTS, STAFF, GUARDIANS -> {
                var b = buffer("stage_create_person").add(c.localId()).add(c.kind().label());
                for (String field : PersonColumns.FIELDS) {
                    b.add(f.get(field));
                }
                b.add(f.get("roles")).add(line(c.origin())).endRow();
            }
            case CLASSROOMS -> buffer("stage_create_classroom").add(c.localId()).add(Long.valueOf(f.get("school_id")))
                    .add(f.get("title")).add(f.get("code")).add(f.get("grades")).add(f.get("periods"))
                    .add(f.get("terms")).add(line(c.origin())).endRow();
            case ENROLLMENTS -> throw new IllegalArgumentException("an enrollment is created as MemberAdded");
        }
        if (c.sourcedId() != null) {
            link(c.kind(), c.localId(), c.sourcedId(), null);
        }
        for (String also : c.alsoSourcedIds()) {
            link(c.kind(), c.localId(), also, null);
        }
    }

    private void link(EntityKind kind, long localId, String sourcedId, String handOwned) throws SQLException {
        buffer("stage_link").add(Tables.of(kind)).add(localId).add(sourcedId).add(handOwned).endRow();
    }

    private void state(EntityKind kind, long localId, RecordState state, java.time.Instant due) throws SQLException {
        buffer("stage_state").add(Tables.of(kind)).add(localId).add(state.column()).add(due).endRow();
    }

    private io.rostersync.storage.CopyBuffer buffer(String stage) {
        return buffers.get(stage);
    }

    private static Integer line(RecordOrigin origin) {
        return origin == null ? null : origin.line();
    }

    @Override
    public void finish() {
        try {
            if (pipeline != null) {
                sortedLinks();
                flushDirect();
                pipeline.drain();
            }
            if (bulkUnchecked) {
                execute("SET LOCAL session_replication_role = origin");
                references.verify(connection, districtId, runId);
            }
            for (var buffer : buffers.entrySet()) {
                buffer.getValue().flush();
                if (buffer.getValue().rows() > 10_000) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("ANALYZE " + buffer.getKey()); // temp tables are never analyzed on their own
                    }
                }
            }
            applyCreates();
            applyLinks();
            applyUpdates();
            applyStates();
            applyMemberships();
            applyRemovals();
        } catch (SQLException e) {
            throw new DirectoryWriteException(e);
        }
    }

    private boolean staged(String stage) {
        return buffers.get(stage).rows() > 0;
    }

    private void applyCreates() throws SQLException {
        if (staged("stage_create_school")) {
            run("INSERT INTO school (district_id, id, name, managed_by, created_run) OVERRIDING SYSTEM VALUE"
                    + " SELECT ?1, id, name, ?3, ?2 FROM stage_create_school");
        }
        if (staged("stage_create_person")) {
            String columns = String.join(", ", PersonColumns.FIELDS);
            run("INSERT INTO person (district_id, id, kind, " + columns + ", managed_by, created_run, source_line)"
                    + " OVERRIDING SYSTEM VALUE SELECT ?1, id, kind, " + columns + ", ?3, ?2, line"
                    + " FROM stage_create_person");
            run("INSERT INTO person_role (district_id, person_id, role, school_id, managed_by, created_run)"
                    + " SELECT ?1, s.id, split_part(r, '@', 1), nullif(split_part(r, '@', 2), 'district')::bigint, ?3, ?2"
                    + " FROM stage_create_person s, unnest(string_to_array(s.roles, ',')) r WHERE s.roles <> ''");
        }
        if (staged("stage_create_classroom")) {
            run("INSERT INTO classroom (district_id, id, school_id, title, code, grades, periods, terms, managed_by,"
                    + " created_run, source_line) OVERRIDING SYSTEM VALUE SELECT ?1, id, school_id, title, code,"
                    + " coalesce(string_to_array(grades, ','), '{}'), coalesce(string_to_array(periods, ','), '{}'),"
                    + " coalesce(string_to_array(terms, ','), '{}'), ?3, ?2, line FROM stage_create_classroom");
        }
    }

    private void applyLinks() throws SQLException {
        if (staged("stage_link")) {
            run("INSERT INTO school_source_id (district_id, org_sourced_id, school_id)"
                    + " SELECT ?1, sourced_id, local_id FROM stage_link WHERE kind = 'school'");
            run("INSERT INTO source_link (district_id, source, kind, sourced_id, local_id, created_run)"
                    + " SELECT ?1, ?3, kind, sourced_id, local_id, ?2 FROM stage_link WHERE kind <> 'school'");
            for (String table : List.of("person", "classroom", "school")) {
                // a record made by hand that is linked to the source is the sync's from now on, but for the
                // fields the admin filled with other values, which stay theirs
                run("UPDATE " + table + " t SET managed_by = ?3, edited_fields = (SELECT array(SELECT DISTINCT"
                        + " unnest(t.edited_fields || coalesce(string_to_array(nullif(l.hand_owned, ''), ','), '{}'))"
                        + " ORDER BY 1)) FROM stage_link l WHERE l.kind = '" + table
                        + "' AND t.district_id = ?1 AND t.id = l.local_id AND t.managed_by IS NULL");
            }
        }
        if (staged("stage_unlink")) {
            run("DELETE FROM school_source_id t USING stage_unlink u WHERE u.kind = 'school' AND t.district_id = ?1"
                    + " AND t.org_sourced_id = u.sourced_id AND t.school_id = u.local_id");
            run("DELETE FROM source_link t USING stage_unlink u WHERE u.kind <> 'school' AND t.district_id = ?1"
                    + " AND t.source = ?3 AND t.kind = u.kind AND t.sourced_id = u.sourced_id AND t.local_id = u.local_id");
            for (String table : List.of("person", "classroom")) {
                run("UPDATE " + table + " t SET managed_by = NULL FROM stage_unlink u WHERE u.kind = '" + table
                        + "' AND t.district_id = ?1 AND t.id = u.local_id AND NOT EXISTS (SELECT 1 FROM source_link l"
                        + " WHERE l.district_id = ?1 AND l.kind = '" + table + "' AND l.local_id = t.id)");
            }
        }
    }

    private void applyUpdates() throws SQLException {
        if (!staged("stage_update")) {
            return;
        }
        String people = "u.kind IN ('students', 'staff', 'guardians')";
        for (String field : PersonColumns.FIELDS) {
            run("UPDATE person t SET " + field + " = u.value, updated_at = now() FROM stage_update u WHERE " + people
                    + " AND u.field = '" + field + "' AND t.district_id = ?1 AND t.id = u.local_id");
        }
        run("UPDATE person t SET kind = u.kind, updated_at = now() FROM (SELECT DISTINCT local_id, kind FROM stage_update u"
                + " WHERE " + people + ") u WHERE t.district_id = ?1 AND t.id = u.local_id AND t.kind IS DISTINCT FROM u.kind");
        run("DELETE FROM person_role t USING stage_update u WHERE " + people + " AND u.field = 'roles'"
                + " AND t.district_id = ?1 AND t.person_id = u.local_id AND t.managed_by IS NOT NULL");
        run("INSERT INTO person_role (district_id, person_id, role, school_id, managed_by, created_run)"
                + " SELECT ?1, u.local_id, split_part(r, '@', 1), nullif(split_part(r, '@', 2), 'district')::bigint, ?3, ?2"
                + " FROM stage_update u, unnest(string_to_array(u.value, ',')) r WHERE " + people
                + " AND u.field = 'roles' AND u.value <> '' ON CONFLICT DO NOTHING");
        for (String field : CLASSROOM_TEXT) {
            run("UPDATE classroom t SET " + field + " = u.value, updated_at = now() FROM stage_update u"
                    + " WHERE u.kind = 'classrooms' AND u.field = '" + field + "' AND t.district_id = ?1 AND t.id = u.local_id");
        }
        for (String field : CLASSROOM_LISTS) {
            run("UPDATE classroom t SET " + field + " = coalesce(string_to_array(u.value, ','), '{}'), updated_at = now()"
                    + " FROM stage_update u WHERE u.kind = 'classrooms' AND u.field = '" + field
                    + "' AND t.district_id = ?1 AND t.id = u.local_id");
        }
        run("UPDATE classroom t SET school_id = u.value::bigint, updated_at = now() FROM stage_update u"
                + " WHERE u.kind = 'classrooms' AND u.field = 'school_id' AND t.district_id = ?1 AND t.id = u.local_id");
        run("UPDATE school t SET name = u.value, updated_at = now() FROM stage_update u"
                + " WHERE u.kind = 'schools' AND u.field = 'name' AND t.district_id = ?1 AND t.id = u.local_id");
    }

    private void applyStates() throws SQLException {
        if (!staged("stage_state")) {
            return;
        }
        for (String table : List.of("person", "classroom")) {
            run("UPDATE " + table + " t SET state = s.state, removal_due_at = s.due, updated_at = now()"
                    + " FROM stage_state s WHERE s.kind = '" + table + "' AND t.district_id = ?1 AND t.id = s.local_id");
        }
        run("UPDATE school t SET state = s.state, updated_at = now() FROM stage_state s WHERE s.kind = 'school'"
                + " AND t.district_id = ?1 AND t.id = s.local_id");
    }

    private void applyMemberships() throws SQLException {
        if (staged("stage_member_gone")) {
            run("DELETE FROM classroom_member t USING stage_member_gone g WHERE t.district_id = ?1"
                    + " AND t.classroom_id = g.classroom_id AND t.person_id = g.person_id AND t.role = g.role");
        }
        if (staged("stage_member")) {
            run("INSERT INTO classroom_member (district_id, classroom_id, person_id, role, is_primary, managed_by,"
                    + " created_run, source_line) SELECT DISTINCT ON (classroom_id, person_id, role) ?1, classroom_id,"
                    + " person_id, role, is_primary, ?3, ?2, line FROM stage_member"
                    + " ON CONFLICT (district_id, classroom_id, person_id, role)"
                    + " DO UPDATE SET is_primary = excluded.is_primary, managed_by = excluded.managed_by");
        }
        if (staged("stage_guardian_gone")) {
            run("DELETE FROM guardian_link t USING stage_guardian_gone g WHERE t.district_id = ?1"
                    + " AND t.guardian_id = g.guardian_id AND t.student_id = g.student_id");
        }
        if (staged("stage_guardian")) {
            run("INSERT INTO guardian_link (district_id, guardian_id, student_id, relationship, managed_by,"
                    + " created_run, source_line) SELECT DISTINCT ON (guardian_id, student_id) ?1, guardian_id,"
                    + " student_id, relationship, ?3, ?2, line FROM stage_guardian"
                    + " ON CONFLICT (district_id, guardian_id, student_id)"
                    + " DO UPDATE SET relationship = excluded.relationship, managed_by = excluded.managed_by");
        }
    }

    /** Undo of creates: classrooms first, then people (their roles name schools), then schools. */
    private void applyRemovals() throws SQLException {
        if (!staged("stage_remove")) {
            return;
        }
        for (String table : List.of("classroom", "person")) {
            run("DELETE FROM source_link t USING stage_remove r WHERE r.kind = '" + table + "' AND t.district_id = ?1"
                    + " AND t.kind = '" + table + "' AND t.local_id = r.local_id");
            run("DELETE FROM " + table + " t USING stage_remove r WHERE r.kind = '" + table + "'"
                    + " AND t.district_id = ?1 AND t.id = r.local_id");
        }
        run("DELETE FROM school t USING stage_remove r WHERE r.kind = 'school' AND t.district_id = ?1"
                + " AND t.id = r.local_id");
    }

    /** Runs a statement whose ?1, ?2 and ?3 are the district, the run and the source. */
    private void run(String sql) throws SQLException {
        List<Integer> order = new ArrayList<>();
        StringBuilder jdbc = new StringBuilder();
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '?' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
                order.add(sql.charAt(++i) - '0');
                jdbc.append('?');
            } else {
                jdbc.append(c);
            }
        }
        try (PreparedStatement s = connection.prepareStatement(jdbc.toString())) {
            for (int i = 0; i < order.size(); i++) {
                switch (order.get(i)) {
                    case 1 -> s.setLong(i + 1, districtId);
                    case 2 -> s.setLong(i + 1, runId);
                    case 3 -> s.setString(i + 1, source);
                    default -> throw new IllegalArgumentException(sql);
                }
            }
            s.executeUpdate();
        }
    }

    /** A write the database refused: the run's transaction is rolled back. */
    public static final class DirectoryWriteException extends RuntimeException {

        DirectoryWriteException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
