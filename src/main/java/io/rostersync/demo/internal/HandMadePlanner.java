package io.rostersync.demo.internal;

import io.rostersync.demo.SyncMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives the demo district's hand-made records from its roster: a pure function of the roster,
 * so the same roster always gives the same records.
 */
public final class HandMadePlanner {

    private HandMadePlanner() {
    }

    public static HandMadePlan plan(DemoRoster roster) {
        SchoolsAndClassrooms.Result schools = SchoolsAndClassrooms.plan(roster);
        Children.Result children = Children.plan(roster, schools);
        List<HandMadePlan.Person> people = new ArrayList<>(schools.teachers());
        people.addAll(children.students());
        people.addAll(children.guardians());
        Map<String, String> authorBySchool = new HashMap<>();
        for (HandMadePlan.Person teacher : schools.teachers()) {
            authorBySchool.putIfAbsent(teacher.schoolKey(),
                    teacher.person().givenName() + " " + teacher.person().familyName());
        }
        List<SyncMatch> linkedBySync = new ArrayList<>(schools.linkedBySync());
        linkedBySync.addAll(children.linkedBySync());
        return new HandMadePlan(schools.schools(), people, withStudents(schools, children, roster),
                children.guardianLinks(), StudentHistory.of(children.students(), authorBySchool), children.twins(),
                linkedBySync, children.leftTheDistrict());
    }

    /**
     * Who is in each classroom: in one that is a roster class, the hand-made students whose roster
     * child is in that class; in a club, every third hand-made student of the school; in the
     * preschool, its children by turns; and each child who left, in the first classroom and the club
     * of their school.
     */
    private static List<HandMadePlan.Classroom> withStudents(SchoolsAndClassrooms.Result schools,
            Children.Result children, DemoRoster roster) {
        Map<String, Set<String>> classMembers = new HashMap<>();
        for (DemoRoster.Section section : roster.sections()) {
            classMembers.put(section.sourcedId(), new HashSet<>(section.studentSourcedIds()));
        }
        Set<String> leavers = new HashSet<>(children.leftTheDistrict());
        List<HandMadePlan.Classroom> result = new ArrayList<>();
        for (HandMadePlan.Classroom classroom : schools.classrooms()) {
            List<HandMadePlan.Classroom> ofSchool = schools.classrooms().stream()
                    .filter(c -> c.schoolKey().equals(classroom.schoolKey())).toList();
            List<HandMadePlan.Person> students = children.students().stream()
                    .filter(p -> p.schoolKey().equals(classroom.schoolKey())).toList();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < students.size(); i++) {
                HandMadePlan.Person student = students.get(i);
                boolean member;
                if (classroom.classSourcedId() != null) {
                    member = leavers.contains(student.person().username()) ? ofSchool.get(0) == classroom
                            : classMembers.get(classroom.classSourcedId())
                                    .contains(children.rosterStudentByKey().get(student.key()));
                } else if (classroom.schoolKey().equals(schools.preschoolKey())) {
                    member = ofSchool.indexOf(classroom) == i % ofSchool.size();
                } else {
                    member = leavers.contains(student.person().username()) || i % 3 == 0;
                }
                if (member) {
                    keys.add(student.key());
                }
            }
            result.add(classroom.withStudentKeys(keys));
        }
        return result;
    }
}
