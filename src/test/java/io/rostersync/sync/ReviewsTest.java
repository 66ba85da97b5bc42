package io.rostersync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.HandMadeClassroom;
import io.rostersync.directory.HandMadePerson;
import io.rostersync.directory.HandMadeRecords;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sync's questions and an admin's answers: a student whose number belongs to someone of
 * another name, and a classroom titled as a class, are left out and asked about, with the records
 * they could be; an answer is followed by the next run (journaled as a link by an admin, shown in
 * the record's history, undone with the run); "nobody here" creates the record; a classroom made
 * before the sync can be linked to a class of another title, whose fields it then follows.
 */
@Tag("database")
class ReviewsTest {

    @TempDir
    static Path temp;
    private static Database db;
    private static JdbcClient jdbc;
    private static Syncs syncs;
    private static Reviews reviews;
    private static int drops;

    @BeforeAll
    static void database() {
        db = TestDatabases.fresh("reviews");
        jdbc = JdbcClient.create(db.dataSource());
        syncs = new Syncs(db.dataSource(), io.rostersync.TestSecrets.BOX);
        reviews = new Reviews(db.dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    /** A district whose hand-made schools have the files' School IDs, with Zoe (number 1001) and two classrooms. */
    private record Seeded(District district, long zoe, long homeroom, long algebra) {
    }

    private static Seeded seed(String slug) throws Exception {
        District d = new Districts(db.dataSource()).findOrCreate(slug);
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(d.id())) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            long birchwood = records.addSchool("Birchwood Elem.");
            records.addSchoolId(birchwood, "s1");
            long high = records.addSchool("Cedar Falls HS");
            records.addSchoolId(high, "s2");
            long zoe = records.addPerson(HandMadePerson.named("Zoe", "Okafor").asStudent("04", "1001", "zokafor"),
                    "student", birchwood);
            long homeroom = records.addClassroom(new HandMadeClassroom(birchwood, "Grade 4 Homeroom", null,
                    List.of("04"), List.of(), List.of()));
            long algebra = records.addClassroom(new HandMadeClassroom(high, "Mr. Nguyen's Algebra", null,
                    List.of("09"), List.of("1"), List.of()));
            tx.commit();
            return new Seeded(d, zoe, homeroom, algebra);
        }
    }

    private static RunReport sync(String slug) {
        return syncs.sync(Syncs.Request.of(slug, ScenarioPackage.district().write(temp.resolve("drop-" + ++drops))));
    }

    private static long links(long district, String sourcedId, long localId) {
        return jdbc.sql("SELECT count(*) FROM source_link WHERE district_id = ? AND sourced_id = ? AND local_id = ?")
                .params(district, sourcedId, localId).query(Long.class).single();
    }

    @Test
    void aQuestionIsAnsweredFollowedByTheNextRunAndUndoneWithIt() throws Exception {
        Seeded s = seed("reviews-answered");
        Previews.Impact preview = new Previews(db.dataSource(), io.rostersync.TestSecrets.BOX).latestSince(s.district().id(), java.time.Instant.EPOCH)
                .orElse(null);
        assertThat(preview).as("no preview yet").isNull();
        // answered before the first sync: the classroom made by hand is the class of another title
        reviews.answer(s.district().id(), EntityKind.CLASSROOMS, "k-alg1", s.algebra(), "admin");
        RunReport first = sync("reviews-answered");
        assertThat(links(s.district().id(), "k-alg1", s.algebra())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT title || '/' || managed_by FROM classroom WHERE district_id = ? AND id = ?")
                .params(s.district().id(), s.algebra()).query(String.class).single())
                .as("a classroom linked now follows its class").isEqualTo("Algebra I - Period 1/oneroster");
        List<Reviews.Question> questions = reviews.questions(s.district().id());
        assertThat(questions).extracting(Reviews.Question::kind, Reviews.Question::sourcedId, Reviews.Question::candidates)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(EntityKind.STUDENTS, "u-s1",
                        List.of(s.zoe())), org.assertj.core.groups.Tuple.tuple(EntityKind.CLASSROOMS, "k-hr4",
                        List.of(s.homeroom())));
        assertThat(questions).allSatisfy(q -> {
            assertThat(q.run()).isEqualTo(first.run());
            assertThat(q.answered()).isFalse();
            assertThat(q.file()).isIn("users.csv", "classes.csv");
            assertThat(q.line()).isPositive();
        });
        assertThat(links(s.district().id(), "u-s1", s.zoe())).isZero();

        reviews.answer(s.district().id(), EntityKind.STUDENTS, "u-s1", s.zoe(), "admin");
        reviews.answer(s.district().id(), EntityKind.CLASSROOMS, "k-hr4", s.homeroom(), "admin");
        assertThat(reviews.questions(s.district().id())).allSatisfy(q -> assertThat(q.answered()).isTrue());

        RunReport preview2 = new Previews(db.dataSource(), io.rostersync.TestSecrets.BOX).preview("reviews-answered", ScenarioPackage.district()
                .write(temp.resolve("drop-" + ++drops)), "admin");
        Previews.Impact impact = new Previews(db.dataSource(), io.rostersync.TestSecrets.BOX).latestSince(s.district().id(), first.startedAt())
                .orElseThrow();
        assertThat(impact.run().run()).isEqualTo(preview2.run());
        assertThat(impact.disputed()).isZero();
        assertThat(impact.peopleLinked()).isEqualTo(1);
        assertThat(impact.classroomsLinked()).as("the homeroom").isEqualTo(1);
        assertThat(links(s.district().id(), "u-s1", s.zoe())).as("a preview changes nothing").isZero();

        RunReport second = sync("reviews-answered");
        assertThat(links(s.district().id(), "u-s1", s.zoe())).isEqualTo(1);
        assertThat(links(s.district().id(), "k-hr4", s.homeroom())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM classroom WHERE district_id = ? AND title IN ('Grade 4 Homeroom',"
                + " 'Algebra I - Period 1')").param(s.district().id()).query(Long.class).single())
                .as("no class created beside the classrooms it was linked to").isEqualTo(2);
        assertThat(jdbc.sql("SELECT detail->>'rule' FROM run_change WHERE district_id = ? AND run_id = ? AND op = 'link'"
                + " AND sourced_id = 'u-s1'").params(s.district().id(), second.run()).query(String.class).single())
                .isEqualTo("ADMIN");
        assertThat(reviews.questions(s.district().id())).as("nothing left to ask").isEmpty();
        assertThat(new RecordHistory(db.dataSource()).person(s.district().id(), s.zoe()))
                .extracting(RecordHistory.Event::summary)
                .contains("linked to the files' record u-s1 (an admin said so)")
                .contains("joined classroom Grade 4 Homeroom as student")
                .anySatisfy(e -> assertThat(e).contains("roles: (none) → 'student at Birchwood Elem.'"));

        syncs.undo("reviews-answered", second.run());
        assertThat(links(s.district().id(), "u-s1", s.zoe())).isZero();
        assertThat(links(s.district().id(), "k-hr4", s.homeroom())).isZero();
        sync("reviews-answered");
        assertThat(links(s.district().id(), "u-s1", s.zoe())).as("an answer followed is gone with its run's undo")
                .isZero();
        assertThat(reviews.questions(s.district().id())).extracting(Reviews.Question::sourcedId,
                Reviews.Question::answered).containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("u-s1", false),
                org.assertj.core.groups.Tuple.tuple("k-hr4", false));
        syncs.undo("reviews-answered", first.run());
        assertThat(links(s.district().id(), "k-alg1", s.algebra())).isZero();
        assertThat(jdbc.sql("SELECT coalesce(managed_by, 'by hand') FROM classroom WHERE district_id = ? AND id = ?")
                .params(s.district().id(), s.algebra()).query(String.class).single()).isEqualTo("by hand");
    }

    @Test
    void nobodyHereCreatesTheRecordAndAWithdrawnAnswerAsksAgain() throws Exception {
        Seeded s = seed("reviews-new");
        sync("reviews-new");
        reviews.answer(s.district().id(), EntityKind.STUDENTS, "u-s1", null, "admin");
        assertThat(reviews.questions(s.district().id())).filteredOn(q -> q.sourcedId().equals("u-s1"))
                .singleElement().satisfies(q -> assertThat(q.answer().createsNew()).isTrue());
        sync("reviews-new");
        long created = jdbc.sql("SELECT local_id FROM source_link WHERE district_id = ? AND sourced_id = 'u-s1'")
                .param(s.district().id()).query(Long.class).single();
        assertThat(created).isNotEqualTo(s.zoe());
        assertThat(jdbc.sql("SELECT given_name FROM person WHERE district_id = ? AND id = ?")
                .params(s.district().id(), created).query(String.class).single()).isEqualTo("Amara");

        reviews.answer(s.district().id(), EntityKind.CLASSROOMS, "k-hr4", s.homeroom(), "admin");
        assertThat(reviews.withdraw(s.district().id(), EntityKind.CLASSROOMS, "k-hr4")).isTrue();
        sync("reviews-new");
        assertThat(reviews.questions(s.district().id())).extracting(Reviews.Question::sourcedId)
                .containsExactly("k-hr4");
    }

    @Test
    void aRecordLeavingIsKeptAsNoLongerTheSyncsOrLetGoAtOnce() throws Exception {
        Seeded s = seed("reviews-leaving");
        new io.rostersync.settings.SettingsStore(db.dataSource()).save(s.district().id(),
                io.rostersync.settings.SyncSettings.defaults().withGracePeriod(java.time.Duration.ofDays(7)));
        sync("reviews-leaving");
        ScenarioPackage without = ScenarioPackage.district().remove("users", "u-s2", "u-s3")
                .removeWhere("enrollments", "userSourcedId", "u-s2").removeWhere("enrollments", "userSourcedId", "u-s3");
        syncs.sync(Syncs.Request.of("reviews-leaving", without.write(temp.resolve("drop-" + ++drops))));
        long kept = person("reviews-leaving", s, "u-s2");
        long letGo = person("reviews-leaving", s, "u-s3");
        assertThat(new io.rostersync.directory.PeopleReads(db.dataSource()).pendingRemoval(s.district().id(), 10))
                .extracting(io.rostersync.directory.PeopleReads.Leaving::id).contains(kept, letGo);
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(s.district().id())) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            assertThat(records.keepLeaving("person", kept)).isTrue();
            assertThat(records.archiveLeaving("person", letGo)).isTrue();
            assertThat(records.keepLeaving("person", s.zoe())).as("only what waits out a grace period").isFalse();
            tx.commit();
        }
        assertThat(jdbc.sql("SELECT state || '/' || coalesce(managed_by, 'by hand') FROM person WHERE district_id = ?"
                + " AND id = ?").params(s.district().id(), kept).query(String.class).single()).isEqualTo("active/by hand");
        assertThat(jdbc.sql("SELECT count(*) FROM source_link WHERE district_id = ? AND local_id = ? AND kind = 'person'")
                .params(s.district().id(), kept).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT state FROM person WHERE district_id = ? AND id = ?").params(s.district().id(), letGo)
                .query(String.class).single()).isEqualTo("archived");
        RunReport next = syncs.sync(Syncs.Request.of("reviews-leaving", without.write(temp.resolve("drop-" + ++drops))));
        assertThat(jdbc.sql("SELECT state FROM person WHERE district_id = ? AND id = ?").params(s.district().id(), kept)
                .query(String.class).single()).as("no later run archives what was kept").isEqualTo("active");
        assertThat(next.counts(EntityKind.STUDENTS).archived()).isZero();
    }

    @Test
    void anAnswerThatCannotBeFollowedIsAskedAgainNeverMatchedAround() throws Exception {
        Seeded s = seed("reviews-stale");
        reviews.answer(s.district().id(), EntityKind.STAFF, "u-t1", s.zoe(), "admin"); // a teacher is no student
        reviews.answer(s.district().id(), EntityKind.CLASSROOMS, "k-hr4", s.algebra(), "admin");
        reviews.answer(s.district().id(), EntityKind.CLASSROOMS, "k-bio", s.algebra(), "admin"); // one classroom, twice
        sync("reviews-stale");
        assertThat(links(s.district().id(), "u-t1", s.zoe())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM source_link WHERE district_id = ? AND sourced_id = 'u-t1'")
                .param(s.district().id()).query(Long.class).single()).as("not created beside the answer either").isZero();
        List<Reviews.Question> questions = reviews.questions(s.district().id());
        assertThat(questions).filteredOn(q -> q.sourcedId().equals("u-t1")).singleElement().satisfies(q -> {
            assertThat(q.why()).contains("answer again");
            assertThat(q.candidates()).containsExactly(s.zoe());
            assertThat(q.answered()).as("the answer it could not follow is open again").isFalse();
        });
        assertThat(links(s.district().id(), "k-hr4", s.algebra()) + links(s.district().id(), "k-bio", s.algebra()))
                .as("the classroom went to one of the two classes").isEqualTo(1);
        assertThat(questions).filteredOn(q -> q.kind() == EntityKind.CLASSROOMS).singleElement()
                .satisfies(q -> assertThat(q.why()).contains("answer again"));
    }

    private static long person(String slug, Seeded s, String sourcedId) {
        return jdbc.sql("SELECT local_id FROM source_link WHERE district_id = ? AND kind = 'person' AND sourced_id = ?")
                .params(s.district().id(), sourcedId).query(Long.class).single();
    }
}
