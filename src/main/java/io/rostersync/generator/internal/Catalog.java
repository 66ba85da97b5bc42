package io.rostersync.generator.internal;

import static io.rostersync.generator.internal.Calendar.FALL;
import static io.rostersync.generator.internal.Calendar.FALL_SPRING;
import static io.rostersync.generator.internal.Calendar.SPRING;
import static io.rostersync.generator.internal.Calendar.YEAR;

/**
 * What each school level teaches. A student has one choice per slot; a slot offers tracks (a student
 * follows one, balanced across the grade); a track is one full-year course or a pair of semester
 * courses. Elementary: homeroom and specials (6 sections). Middle: 5 core courses and an exploratory
 * wheel or band (6-7). High: 4 core courses, a world language, PE/health and an elective (7-8).
 */
public final class Catalog {

    public static final int ELEMENTARY = 0;
    public static final int MIDDLE = 1;
    public static final int HIGH = 2;

    static final String[] LEVEL_NAMES = {"Elementary School", "Middle School", "High School"};
    static final int[] FIRST_GRADE = {0, 6, 9};
    static final int[] LAST_GRADE = {5, 8, 12};
    /** Sections a teacher of a department teaches at this level (homeroom teachers: one). */
    static final int[] TEACHER_LOAD = {24, 6, 5};
    static final int CLASS_SIZE = 25;

    /** CEDS grade codes, index = grade (0 = KG). */
    public static final String[] GRADE_CODES = {"KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
        "11", "12"};

    /** A course family: department, subject, SCED-like code, class type, and titles per grade. */
    public record Subject(String key, String dept, String subject, String subjectCode, boolean homeroom,
            String[] titles) {

        String title(int gradeInLevel) {
            return titles[Math.min(gradeInLevel, titles.length - 1)];
        }
    }

    public record Part(Subject subject, int term) {
    }

    /** A track: one or two parts; an empty track is a free period. */
    public record Track(Part... parts) {
    }

    public record Slot(Track... tracks) {
    }

    private static Subject s(String key, String dept, String subject, String code, String... titles) {
        return new Subject(key, dept, subject, code, false, titles);
    }

    private static Track t(Subject subject, int term) {
        return new Track(new Part(subject, term));
    }

    private static Track t2(Subject a, Subject b) {
        return new Track(new Part(a, FALL), new Part(b, SPRING));
    }

    // Elementary
    static final Subject E_HOMEROOM = new Subject("HR", "Homeroom", "Homeroom", "51000", true,
            new String[] {"Kindergarten Homeroom", "Grade 1 Homeroom", "Grade 2 Homeroom", "Grade 3 Homeroom",
                "Grade 4 Homeroom", "Grade 5 Homeroom"});
    static final Subject E_ART = s("ART", "Art", "Visual Arts", "55001", "Art K", "Art 1", "Art 2", "Art 3", "Art 4",
            "Art 5");
    static final Subject E_MUSIC = s("MUS", "Music", "Music", "55101", "General Music K", "General Music 1",
            "General Music 2", "General Music 3", "General Music 4", "General Music 5");
    static final Subject E_PE = s("PE", "Physical Education", "Physical Education", "58001", "PE K", "PE 1", "PE 2",
            "PE 3", "PE 4", "PE 5");
    static final Subject E_LIBRARY = s("LIB", "Library", "Library & Media", "60001", "Library & Media K",
            "Library & Media 1", "Library & Media 2", "Library & Media 3", "Library & Media 4", "Library & Media 5");
    static final Subject E_STEM = s("STEM", "STEM", "STEM", "62001", "STEM Lab K",
            "STEM Lab 1", "STEM Lab 2", "STEM Lab 3", "STEM Lab 4", "STEM Lab 5");

    // Middle
    static final Subject M_ELA = s("ELA", "English", "English Language Arts", "51032", "English Language Arts 6",
            "English Language Arts 7", "English Language Arts 8");
    static final Subject M_MATH = s("MATH", "Mathematics", "Mathematics", "52032", "Math 6", "Math 7", "Pre-Algebra");
    static final Subject M_SCI = s("SCI", "Science", "Science", "53032", "Earth Science", "Life Science",
            "Physical Science");
    static final Subject M_SS = s("SS", "Social Studies", "Social Studies", "54032", "World Cultures",
            "World History: Ancient Civilizations", "U.S. History to 1877");
    static final Subject M_PE = s("PE", "Physical Education", "Physical Education", "58032", "PE 6", "PE 7", "PE 8");
    static final Subject M_ART = s("ART", "Fine Arts", "Visual Arts", "55032", "Art Exploration");
    static final Subject M_TECH = s("TECH", "Career & Technical", "Technology", "61032", "Design & Technology");
    static final Subject M_DRAMA = s("DRAMA", "Fine Arts", "Theatre", "55232", "Drama");
    static final Subject M_HEALTH = s("HEALTH", "Physical Education", "Health", "58132", "Health 6", "Health 7",
            "Health 8");
    static final Subject M_SPANISH = s("SPX", "World Languages", "Spanish", "56032", "Spanish Exploratory");
    static final Subject M_CS = s("CSD", "Career & Technical", "Computer Science", "61132",
            "Computer Science Discoveries");
    static final Subject M_CHOIR = s("CHOIR", "Music", "Vocal Music", "55132", "Choir");
    static final Subject M_WRITING = s("CW", "English", "Creative Writing", "51132", "Creative Writing");
    static final Subject M_BAND = s("BAND", "Music", "Instrumental Music", "55332", "Band 6", "Band 7", "Band 8");

    // High
    static final Subject H_ENG = s("ENG", "English", "English Language Arts", "51001", "English 9", "English 10",
            "English 11: American Literature", "English 12: British Literature");
    static final Subject H_MATH = s("MATH", "Mathematics", "Mathematics", "52001", "Algebra I", "Geometry",
            "Algebra II", "Pre-Calculus");
    static final Subject H_SCI = s("SCI", "Science", "Science", "53001", "Biology", "Chemistry", "Physics",
            "Environmental Science");
    static final Subject H_SS = s("SS", "Social Studies", "Social Studies", "54001", "World Geography",
            "World History", "U.S. History", "Government & Economics");
    static final Subject H_SPANISH = s("SPAN", "World Languages", "Spanish", "56001", "Spanish I", "Spanish II",
            "Spanish III", "Spanish IV");
    static final Subject H_FRENCH = s("FREN", "World Languages", "French", "56101", "French I", "French II",
            "French III", "French IV");
    static final Subject H_MANDARIN = s("CHIN", "World Languages", "Mandarin Chinese", "56201", "Mandarin I",
            "Mandarin II", "Mandarin III", "Mandarin IV");
    static final Subject H_ARABIC = s("ARAB", "World Languages", "Arabic", "56301", "Arabic I", "Arabic II",
            "Arabic III", "Arabic IV");
    static final Subject H_PE = s("PE", "Physical Education", "Physical Education", "58001", "Physical Education 9",
            "Physical Education 10", "Lifetime Fitness", "Lifetime Fitness");
    static final Subject H_HEALTH = s("HLTH", "Physical Education", "Health", "58101", "Health 9", "Health 10",
            "Health 11", "Health 12");
    static final Subject H_ART = s("ART", "Fine Arts", "Visual Arts", "55001", "Studio Art I", "Studio Art II",
            "Studio Art III", "AP Studio Art");
    static final Subject H_BAND = s("BAND", "Music", "Instrumental Music", "55301", "Concert Band", "Concert Band",
            "Wind Ensemble", "Wind Ensemble");
    static final Subject H_CS = s("CS", "Career & Technical", "Computer Science", "61001", "Intro to Programming",
            "AP Computer Science Principles", "AP Computer Science A", "Software Engineering Capstone");
    static final Subject H_JOURNALISM = s("JOUR", "English", "Journalism", "51101", "Journalism I", "Journalism II",
            "Yearbook", "Yearbook Editor");

    static final Slot[][] SLOTS = {
        {
            new Slot(t(E_HOMEROOM, YEAR)), new Slot(t(E_ART, YEAR)), new Slot(t(E_MUSIC, YEAR)),
            new Slot(t(E_PE, YEAR)), new Slot(t2(E_LIBRARY, E_STEM)),
        },
        {
            new Slot(t(M_ELA, YEAR)), new Slot(t(M_MATH, YEAR)), new Slot(t(M_SCI, YEAR)), new Slot(t(M_SS, YEAR)),
            new Slot(t(M_PE, YEAR)),
            new Slot(t2(M_ART, M_TECH), t2(M_DRAMA, M_HEALTH), t2(M_SPANISH, M_CS), t2(M_CHOIR, M_WRITING),
                    t(M_BAND, YEAR)),
        },
        {
            new Slot(t(H_ENG, FALL_SPRING)), new Slot(t(H_MATH, FALL_SPRING)), new Slot(t(H_SCI, FALL_SPRING)),
            new Slot(t(H_SS, FALL_SPRING)),
            new Slot(t(H_SPANISH, FALL_SPRING), t(H_FRENCH, FALL_SPRING), t(H_MANDARIN, FALL_SPRING),
                    t(H_ARABIC, FALL_SPRING)),
            new Slot(t2(H_PE, H_HEALTH)),
            new Slot(t(H_ART, FALL_SPRING), t(H_BAND, FALL_SPRING), t(H_CS, FALL_SPRING), t(H_JOURNALISM, FALL_SPRING),
                    new Track()),
        },
    };

    /** Which departments' sections get a special-education co-teacher now and then. */
    static boolean coTaught(Subject s) {
        return s.homeroom() || s.key().equals("ELA") || s.key().equals("ENG") || s.key().equals("MATH");
    }

    private Catalog() {
    }

    public static int level(int grade) {
        return grade <= 5 ? ELEMENTARY : grade <= 8 ? MIDDLE : HIGH;
    }

    public static int gradesIn(int level) {
        return LAST_GRADE[level] - FIRST_GRADE[level] + 1;
    }
}
