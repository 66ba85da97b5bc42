package io.rostersync.demo;

import io.rostersync.directory.DirectorySchool;
import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.HandMadeRecords;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What a new admin of the demo district does before its first sync, for the tests that start after it. */
public final class DemoSetup {

    private DemoSetup() {
    }

    /** Each hand-made school gets its roster school's School ID, as the console's step 3 does it. */
    public static void matchSchoolsByTheirSchoolIds(DataSource dataSource, long districtId) throws SQLException {
        try (DirectoryTransaction tx = new DirectoryStore(dataSource).begin(districtId)) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            for (DirectorySchool school : tx.schools()) {
                for (SchoolMatch match : DemoDistrict.records().schools()) {
                    if (match.handMadeName().equals(school.name()) && match.orgSourcedId() != null) {
                        records.addSchoolId(school.id(), match.orgSourcedId());
                    }
                }
            }
            tx.commit();
        }
    }
}
