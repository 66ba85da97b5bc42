package io.rostersync.generator.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The school year 2026-2027 (schoolYear 2027): two semesters, each with two grading periods. End dates
 * are exclusive, as the binding defines them. Day 0 is Monday 14 September 2026; day K is K school days
 * (weekdays) later.
 */
public final class Calendar {

    public static final int YEAR = 0;
    public static final int FALL = 1;
    public static final int SPRING = 2;
    /** A full-year class scheduled as both semesters: termSourcedIds lists the two. */
    public static final int FALL_SPRING = 3;

    public static final String SCHOOL_YEAR = "2027";
    public static final LocalDate YEAR_START = LocalDate.of(2026, 8, 17);
    public static final LocalDate FALL_END = LocalDate.of(2027, 1, 16);
    public static final LocalDate SPRING_START = LocalDate.of(2027, 1, 19);
    public static final LocalDate YEAR_END = LocalDate.of(2027, 6, 12);
    public static final LocalDate DAY_ZERO = LocalDate.of(2026, 9, 14);
    public static final int MAX_DAY = 180;

    /** Sessions in file order: title, type, start, end (exclusive), parent index or -1. */
    static final String[][] SESSIONS = {
        {"2026-2027", "schoolYear", "2026-08-17", "2027-06-12"},
        {"Fall 2026", "semester", "2026-08-17", "2027-01-16"},
        {"Spring 2027", "semester", "2027-01-19", "2027-06-12"},
        {"Quarter 1", "gradingPeriod", "2026-08-17", "2026-10-17"},
        {"Quarter 2", "gradingPeriod", "2026-10-19", "2027-01-16"},
        {"Quarter 3", "gradingPeriod", "2027-01-19", "2027-03-27"},
        {"Quarter 4", "gradingPeriod", "2027-03-29", "2027-06-12"},
    };
    static final int[] SESSION_PARENT = {-1, 0, 0, 1, 1, 2, 2};

    private final LocalDate[] days;
    private final String[] dayText;
    private final long[] dayEpoch;

    public Calendar(int maxDay) {
        days = new LocalDate[maxDay + 1];
        dayText = new String[maxDay + 1];
        dayEpoch = new long[maxDay + 1];
        LocalDate d = DAY_ZERO;
        for (int i = 0; i <= maxDay; i++) {
            if (i > 0) {
                d = d.plusDays(1);
                while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    d = d.plusDays(1);
                }
            }
            days[i] = d;
            dayText[i] = d.toString();
            dayEpoch[i] = d.toEpochDay();
        }
    }

    public LocalDate date(int day) {
        return days[day];
    }

    public String text(int day) {
        return dayText[day];
    }

    public static LocalDate termStart(int term) {
        return term == SPRING ? SPRING_START : YEAR_START;
    }

    public static LocalDate termEnd(int term) {
        return term == FALL ? FALL_END : YEAR_END;
    }

    public static String termStartText(int term) {
        return term == SPRING ? "2027-01-19" : "2026-08-17";
    }

    public static String termEndText(int term) {
        return term == FALL ? "2027-01-16" : "2027-06-12";
    }

    /** Whether something starting on this day can still take place in the term. */
    public boolean openOn(int term, int day) {
        return dayEpoch[day] < termEnd(term).toEpochDay();
    }

    /** The begin date of an enrollment made on this day: the term's start, or the day if later. */
    public String beginText(int term, int day) {
        if (day == 0 || dayEpoch[day] <= termStart(term).toEpochDay()) {
            return termStartText(term);
        }
        return dayText[day];
    }
}
