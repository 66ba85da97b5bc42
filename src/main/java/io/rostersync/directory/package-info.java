/**
 * The district's directory: districts, schools, people, guardians, classrooms and what is attached
 * to students. The only writer of the directory's tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Directory")
package io.rostersync.directory;
