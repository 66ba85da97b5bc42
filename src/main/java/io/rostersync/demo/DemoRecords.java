package io.rostersync.demo;

import java.util.List;

/**
 * What the demo district made by hand before any sync, described against the demo roster: how many
 * records of each kind, which roster school and class each school and classroom is, which students
 * are twins of roster students, which records the first sync links by itself, and which students
 * left the district (they are in no roster).
 */
public record DemoRecords(DemoCounts counts, List<SchoolMatch> schools, List<ClassroomMatch> classrooms,
        List<Twin> twins, List<SyncMatch> linkedBySync, List<String> leftTheDistrict) {

    public DemoRecords {
        schools = List.copyOf(schools);
        classrooms = List.copyOf(classrooms);
        twins = List.copyOf(twins);
        linkedBySync = List.copyOf(linkedBySync);
        leftTheDistrict = List.copyOf(leftTheDistrict);
    }
}
