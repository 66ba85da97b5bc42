package io.rostersync.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the product attached to the hand-made students during the last school year, before the
 * district rostered: announcements, backpack items, teachers' interaction logs and attributes.
 * This is what a merge of duplicate students must carry over, so every student has some, in
 * amounts that differ from one student to the next.
 */
final class StudentHistory {

    /** The spring term before the first sync; every date is a school day afternoon in it. */
    private static final Instant TERM_START = Instant.parse("2026-03-02T15:30:00Z");

    private static final String[][] ANNOUNCEMENTS = {
        {"Field trip permission slip", "Please sign and return the slip for the science museum trip by Friday."},
        {"Picture day", "School pictures are taken next Tuesday; order forms went home today."},
        {"Parent-teacher conferences", "Sign up for a 15-minute conference slot in the front office."},
        {"Library books due", "Please return library books before spring break."},
        {"Spring concert", "Our class sings at the spring concert on Thursday at 6 pm."},
    };
    private static final String[] BACKPACK = {"Reading log.pdf", "Math worksheet 12.pdf", "Science fair rubric.pdf",
        "Spelling list week 9.pdf", "Field trip form.pdf"};
    private static final String[][] LOGS = {
        {"phone_call", "Called home about missing homework; parent will check the planner nightly."},
        {"note", "Great participation in group work this week."},
        {"email", "Sent the reading goals for the rest of the term."},
        {"meeting", "Met with the family about the reading plan."},
    };

    /** The attachments of all hand-made students. */
    record Entries(List<HandMadePlan.Announcement> announcements, List<HandMadePlan.BackpackItem> backpackItems,
            List<HandMadePlan.InteractionLog> interactionLogs, List<HandMadePlan.Attribute> attributes) {
    }

    private StudentHistory() {
    }

    /**
     * @param students    the hand-made students, in plan order
     * @param authorBySchool the teacher who writes the logs of a school's students, by school key
     */
    static Entries of(List<HandMadePlan.Person> students, Map<String, String> authorBySchool) {
        Entries entries = new Entries(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int n = 0; n < students.size(); n++) {
            HandMadePlan.Person student = students.get(n);
            String key = student.key();
            for (int j = 0; j < 1 + (n % 2 == 0 ? 1 : 0); j++) {
                String[] a = ANNOUNCEMENTS[(n + j) % ANNOUNCEMENTS.length];
                entries.announcements().add(new HandMadePlan.Announcement(key, a[0], a[1], day(n * 3 + j * 17)));
            }
            if (n % 3 != 2) {
                String name = BACKPACK[n % BACKPACK.length];
                entries.backpackItems().add(new HandMadePlan.BackpackItem(key, name,
                        "demo://backpack/" + student.person().username() + "/" + name.toLowerCase(Locale.ROOT)
                                .replace(' ', '-'), day(n * 5 + 2)));
            }
            for (int j = 0; j < 1 + (n % 4 == 0 ? 1 : 0); j++) {
                String[] l = LOGS[(n + j) % LOGS.length];
                entries.interactionLogs().add(new HandMadePlan.InteractionLog(key, l[0], l[1],
                        authorBySchool.get(student.schoolKey()), day(n * 2 + j * 11 + 1)));
            }
            entries.attributes().add(new HandMadePlan.Attribute(key, "bus_route",
                    n % 5 == 4 ? "walker" : "Route " + (n % 12 + 1)));
            entries.attributes().add(new HandMadePlan.Attribute(key, "lunch_number",
                    String.format(Locale.ROOT, "L%04d", 1000 + (n * 37) % 9000)));
        }
        return entries;
    }

    /** The n-th school day of the term, give or take weekends: a date, not a schedule. */
    private static Instant day(int n) {
        int schoolDay = n % 60;
        return TERM_START.plus(Duration.ofDays(schoolDay / 5 * 7L + schoolDay % 5));
    }
}
