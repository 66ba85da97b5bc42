package io.rostersync.web.console;

import io.rostersync.directory.ClassroomReads;
import java.util.List;

/**
 * A classroom made before the sync on the linking page: the classroom, the classes suggested for
 * it, every class of its school (to pick another), and the class an admin linked it to (applied at
 * the next sync), if any.
 */
public record ClassroomRow(ClassroomReads.Classroom classroom, List<ClassroomSuggestions.Suggestion> suggestions,
        List<ClassroomSuggestions.RosterClass> schoolClasses, ClassroomSuggestions.RosterClass linkedTo) {

    public ClassroomRow {
        suggestions = List.copyOf(suggestions);
        schoolClasses = List.copyOf(schoolClasses);
    }

    /** Linked, kept or archived: nothing left to decide. */
    public boolean decided() {
        return linkedTo != null || classroom.decision() != null;
    }

    public String teacherNames() {
        return String.join(", ", classroom.teachers().stream().map(ClassroomReads.Member::name).toList());
    }
}
