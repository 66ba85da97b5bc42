-- A school's people by role, without the person in the key: the index's keys repeat (a school has
-- thousands of students), which btree deduplication stores once per page, so a first load writes a
-- much smaller index; the directory reads the few thousand rows of one school from the table.
DROP INDEX person_role_school;
CREATE INDEX person_role_school ON person_role (district_id, school_id, role);
