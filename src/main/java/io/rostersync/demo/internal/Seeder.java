package io.rostersync.demo.internal;

import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.HandMadeClassroom;
import io.rostersync.directory.HandMadePerson;
import io.rostersync.directory.HandMadeRecords;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Writes a hand-made plan into a district's directory, in one transaction under the district's sync lock. */
public final class Seeder {

    private final DirectoryStore directory;

    public Seeder(DataSource dataSource) {
        this.directory = new DirectoryStore(dataSource);
    }

    /**
     * Writes the plan, unless the district has schools or people already (it was seeded, or used):
     * then it writes nothing and says so.
     *
     * @throws DirectoryStore.DistrictBusyException when a sync of the district (or another seeding) runs
     */
    /** @param birthDateKey the district's key of a birth date: the directory takes a date only as its key */
    public boolean seed(long districtId, HandMadePlan plan, java.util.function.Function<java.time.LocalDate, String> birthDateKey)
            throws SQLException {
        try (DirectoryTransaction tx = directory.begin(districtId)) {
            if (!tx.schools().isEmpty() || tx.hasPeople()) {
                return false;
            }
            HandMadeRecords records = HandMadeRecords.in(tx);
            Map<String, Long> ids = new HashMap<>();
            for (HandMadePlan.School school : plan.schools()) {
                ids.put(school.key(), records.addSchool(school.name()));
            }
            for (HandMadePlan.Person person : plan.people()) {
                HandMadePerson typed = person.birthDate() == null ? person.person()
                        : person.person().withBirthKey(birthDateKey.apply(person.birthDate()));
                ids.put(person.key(), records.addPerson(typed, person.role(), ids.get(person.schoolKey())));
            }
            for (HandMadePlan.Classroom c : plan.classrooms()) {
                long id = records.addClassroom(new HandMadeClassroom(ids.get(c.schoolKey()), c.title(), c.code(),
                        c.grades(), c.periods(), c.terms()));
                records.addMember(id, ids.get(c.teacherKey()), "teacher", true);
                for (String student : c.studentKeys()) {
                    records.addMember(id, ids.get(student), "student", false);
                }
            }
            for (HandMadePlan.GuardianLink link : plan.guardianLinks()) {
                records.linkGuardian(ids.get(link.guardianKey()), ids.get(link.studentKey()), link.relationship());
            }
            writeHistory(records, plan.history(), ids);
            tx.commit();
            return true;
        }
    }

    private static void writeHistory(HandMadeRecords records, StudentHistory.Entries history, Map<String, Long> ids)
            throws SQLException {
        for (HandMadePlan.Announcement a : history.announcements()) {
            records.addAnnouncement(ids.get(a.studentKey()), a.title(), a.body(), a.at());
        }
        for (HandMadePlan.BackpackItem b : history.backpackItems()) {
            records.addBackpackItem(ids.get(b.studentKey()), b.name(), b.contentRef(), b.at());
        }
        for (HandMadePlan.InteractionLog l : history.interactionLogs()) {
            records.addInteractionLog(ids.get(l.studentKey()), l.kind(), l.note(), l.author(), l.at());
        }
        for (HandMadePlan.Attribute a : history.attributes()) {
            records.setAttribute(ids.get(a.studentKey()), a.name(), a.value());
        }
    }
}
