package io.rostersync.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.directory.HandMadePerson;
import io.rostersync.directory.HandMadeRecords;
import io.rostersync.directory.StudentMerges;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An undo that cannot put a row back refuses, names the row, and changes nothing. */
@Tag("database")
class MergeRefusalsTest {

    private static Database db;

    @BeforeAll
    static void database() {
        db = TestDatabases.fresh("merge_refusals");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void aRowAddedToTheMergedRecordSinceKeepsTheUndoFromDroppingIt() throws Exception {
        District d = new Districts(db.dataSource()).findOrCreate("refusals");
        long kept;
        long merged;
        long guardian;
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(d.id())) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            long school = records.addSchool("Birchwood");
            kept = records.addPerson(HandMadePerson.named("Ana", "Ruiz").asStudent("03", null, "aruiz"), "student",
                    school);
            merged = records.addPerson(HandMadePerson.named("Ana", "Ruíz").asStudent("03", null, "ana.ruiz"),
                    "student", school);
            guardian = records.addPerson(HandMadePerson.named("Luz", "Ruiz"), "parent", null);
            records.linkGuardian(guardian, kept, "parent");
            records.linkGuardian(guardian, merged, "parent");
            tx.commit();
        }
        Merging merging = new Merging(db.dataSource());
        long merge = merging.merge(d.id(), kept, merged, "admin");
        // someone links the guardian to the old record again: the link the merge dropped is there once more
        try (DirectoryTransaction tx = new DirectoryStore(db.dataSource()).begin(d.id())) {
            HandMadeRecords.in(tx).linkGuardian(guardian, merged, "guardian");
            tx.commit();
        }
        String before = DistrictRows.of(db.dataSource(), d.id());
        assertThatThrownBy(() -> merging.unmerge(d.id(), merge, "admin"))
                .isInstanceOf(StudentMerges.Refused.class).hasMessageContaining("guardians")
                .hasMessageContaining("Nothing was changed");
        assertThat(DistrictRows.of(db.dataSource(), d.id())).isEqualTo(before);
        assertThat(new StudentMerges(db.dataSource()).merge(d.id(), merge).orElseThrow().undone()).isFalse();
    }
}
