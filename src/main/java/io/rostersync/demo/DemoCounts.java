package io.rostersync.demo;

/** How many hand-made records of each kind the demo district has. */
public record DemoCounts(int schools, int classrooms, int teachers, int students, int guardians, int guardianLinks,
        int classroomMembers, int announcements, int backpackItems, int interactionLogs, int attributes) {
}
