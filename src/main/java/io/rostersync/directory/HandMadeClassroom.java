package io.rostersync.directory;

import java.util.List;

/** A classroom a teacher or an admin made by hand, in one of the district's schools. */
public record HandMadeClassroom(long schoolId, String title, String code, List<String> grades, List<String> periods,
        List<String> terms) {

    public HandMadeClassroom {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a classroom needs a title");
        }
        grades = List.copyOf(grades);
        periods = List.copyOf(periods);
        terms = List.copyOf(terms);
    }
}
