package io.rostersync.generator.internal;

import io.rostersync.generator.internal.Catalog.Part;
import io.rostersync.generator.internal.Catalog.Slot;
import io.rostersync.generator.internal.Catalog.Subject;
import io.rostersync.generator.internal.Catalog.Track;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One school's courses, sections and staff, derived from how many students each grade had on day 0.
 * Compact (int arrays, no strings); the strings are made when rows are written.
 */
public final class SchoolPlan {

    public static final int PRINCIPAL = 0;
    public static final int ASSISTANT_PRINCIPAL = 1;
    public static final int TEACHER = 2;
    public static final int SPECIAL_EDUCATION = 3;
    public static final int AIDE = 4;

    private static final long CO_TEACH = 0xC0_7EAC4L;

    final int school;
    final int level;
    final int firstGrade;
    final int grades;
    final int students;

    // courses
    final int courseCount;
    final Subject[] courseSubject;
    final int[] courseGrade;
    final int[] courseTerm;
    final int[] courseSections;
    final int[] courseFirstClass;
    /** [gradeInLevel][slot][track][part] -> course, or -1 for a free period. */
    final int[][][][] courseOf;

    // classes
    final int classCount;
    final int[] classCourse;
    final int[] classSection;
    final int[] classSlot;
    final long[] classTeacher;
    final long[] classCoTeacher;

    // staff
    final int staffCount;
    final int[] staffKind;
    final String[] staffDept;
    final int[] staffSecondSchool;
    final int[] staffRoom;

    SchoolPlan(long seed, int school, int level, int[] gradeCounts, SchoolPlan sharingMusicFrom) {
        this.school = school;
        this.level = level;
        this.firstGrade = Catalog.FIRST_GRADE[level];
        this.grades = Catalog.gradesIn(level);
        int total = 0;
        for (int c : gradeCounts) {
            total += c;
        }
        this.students = total;
        Slot[] slots = Catalog.SLOTS[level];

        List<Subject> subj = new ArrayList<>();
        List<int[]> courseInfo = new ArrayList<>(); // grade, term, sections
        courseOf = new int[grades][slots.length][][];
        for (int gl = 0; gl < grades; gl++) {
            int count = gradeCounts[gl];
            for (int si = 0; si < slots.length; si++) {
                Track[] tracks = slots[si].tracks();
                courseOf[gl][si] = new int[tracks.length][];
                for (int ti = 0; ti < tracks.length; ti++) {
                    Part[] parts = tracks[ti].parts();
                    courseOf[gl][si][ti] = new int[parts.length];
                    int share = studentsOnTrack(count, si, ti, tracks.length);
                    int sections = Math.max(1, (share + Catalog.CLASS_SIZE - 1) / Catalog.CLASS_SIZE);
                    for (int pi = 0; pi < parts.length; pi++) {
                        courseOf[gl][si][ti][pi] = subj.size();
                        subj.add(parts[pi].subject());
                        courseInfo.add(new int[] {firstGrade + gl, parts[pi].term(), sections, si});
                    }
                }
            }
        }
        courseCount = subj.size();
        courseSubject = subj.toArray(new Subject[0]);
        courseGrade = new int[courseCount];
        courseTerm = new int[courseCount];
        courseSections = new int[courseCount];
        courseFirstClass = new int[courseCount];
        int classes = 0;
        for (int c = 0; c < courseCount; c++) {
            int[] info = courseInfo.get(c);
            courseGrade[c] = info[0];
            courseTerm[c] = info[1];
            courseSections[c] = info[2];
            courseFirstClass[c] = classes;
            classes += info[2];
        }
        classCount = classes;
        classCourse = new int[classes];
        classSection = new int[classes];
        classSlot = new int[classes];
        classTeacher = new long[classes];
        classCoTeacher = new long[classes];
        for (int c = 0; c < courseCount; c++) {
            for (int i = 0; i < courseSections[c]; i++) {
                int k = courseFirstClass[c] + i;
                classCourse[k] = c;
                classSection[k] = i;
                classSlot[k] = courseInfo.get(c)[3];
                classCoTeacher[k] = -1;
            }
        }

        // Staff: principal, assistant principal in big schools, teachers by department, special
        // education co-teachers, aides.
        List<Integer> kinds = new ArrayList<>();
        List<String> depts = new ArrayList<>();
        kinds.add(PRINCIPAL);
        depts.add("Administration");
        if (students >= 700) {
            kinds.add(ASSISTANT_PRINCIPAL);
            depts.add("Administration");
        }
        Map<String, List<Integer>> byDept = new LinkedHashMap<>();
        for (int k = 0; k < classes; k++) {
            Subject s = courseSubject[classCourse[k]];
            byDept.computeIfAbsent(s.dept(), d -> new ArrayList<>()).add(k);
        }
        int musicTeacher = -1;
        for (Map.Entry<String, List<Integer>> e : byDept.entrySet()) {
            List<Integer> ks = e.getValue();
            boolean homeroom = courseSubject[classCourse[ks.get(0)]].homeroom();
            if (level == Catalog.ELEMENTARY && e.getKey().equals("Music") && sharingMusicFrom != null) {
                long shared = staffKey(sharingMusicFrom.school, sharingMusicFrom.firstTeacherOf("Music"));
                for (int k : ks) {
                    classTeacher[k] = shared;
                }
                continue;
            }
            int load = homeroom ? 1 : Catalog.TEACHER_LOAD[level];
            int base = kinds.size();
            int teachers = (ks.size() + load - 1) / load;
            for (int t = 0; t < teachers; t++) {
                kinds.add(TEACHER);
                depts.add(e.getKey());
            }
            if (e.getKey().equals("Music")) {
                musicTeacher = base;
            }
            for (int i = 0; i < ks.size(); i++) {
                classTeacher[ks.get(i)] = staffKey(school, base + i / load);
            }
        }
        int spedBase = kinds.size();
        int coTaught = 0;
        for (int k = 0; k < classes; k++) {
            if (Catalog.coTaught(courseSubject[classCourse[k]])
                    && Hashing.unit(Hashing.h(seed, CO_TEACH, school, k)) < 0.12) {
                classCoTeacher[k] = staffKey(school, spedBase + coTaught / 6);
                coTaught++;
            }
        }
        for (int t = 0; t < (coTaught + 5) / 6; t++) {
            kinds.add(SPECIAL_EDUCATION);
            depts.add("Special Education");
        }
        int aides;
        if (level == Catalog.ELEMENTARY) {
            int early = courseSections[courseOf[0][0][0][0]] + (grades > 1 ? courseSections[courseOf[1][0][0][0]] : 0);
            aides = (early + 1) / 2;
        } else {
            aides = 1 + students / 400;
        }
        for (int a = 0; a < aides; a++) {
            kinds.add(AIDE);
            depts.add(level == Catalog.ELEMENTARY ? "Early Grades" : "Student Support");
        }
        staffCount = kinds.size();
        staffKind = new int[staffCount];
        staffDept = depts.toArray(new String[0]);
        staffSecondSchool = new int[staffCount];
        staffRoom = new int[staffCount];
        for (int i = 0; i < staffCount; i++) {
            staffKind[i] = kinds.get(i);
            staffSecondSchool[i] = -1;
            staffRoom[i] = 100 * (1 + i / 40) + 1 + i % 40;
        }
        if (sharingMusicFrom != null && level == Catalog.ELEMENTARY) {
            int idx = sharingMusicFrom.firstTeacherOf("Music");
            sharingMusicFrom.staffSecondSchool[idx] = school;
        }
        if (musicTeacher < 0 && sharingMusicFrom == null && level == Catalog.ELEMENTARY) {
            throw new IllegalStateException("elementary school without a music teacher");
        }
    }

    /** How many of a grade's day-0 students take track t of slot s (student k takes (k + s) mod T). */
    static int studentsOnTrack(int count, int slot, int track, int tracks) {
        int r = Math.floorMod(track - slot, tracks);
        return r < count ? (count - 1 - r) / tracks + 1 : 0;
    }

    int firstTeacherOf(String dept) {
        for (int i = 0; i < staffCount; i++) {
            if (staffKind[i] == TEACHER && staffDept[i].equals(dept)) {
                return i;
            }
        }
        throw new IllegalStateException("no " + dept + " teacher");
    }

    public static long staffKey(int school, int idx) {
        return ((long) school << 24) | idx;
    }

    public static int staffSchool(long key) {
        return (int) (key >>> 24);
    }

    public static int staffIndex(long key) {
        return (int) (key & 0xFFFFFF);
    }

    /** The class for a student of this grade taking (slot, track, part) in section i; -1 if none. */
    int classOf(int gradeInLevel, int slot, int track, int part, int section) {
        int[] parts = courseOf[gradeInLevel][slot][track];
        if (part >= parts.length) {
            return -1;
        }
        int c = parts[part];
        return courseFirstClass[c] + section % courseSections[c];
    }

    int sectionsOf(int gradeInLevel, int slot, int track) {
        int[] parts = courseOf[gradeInLevel][slot][track];
        return parts.length == 0 ? 0 : courseSections[parts[0]];
    }
}
