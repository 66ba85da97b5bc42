package io.rostersync.demo;

/**
 * A hand-made classroom (by its code, unique in the demo district) and the roster class it is, or
 * null for both when it is no class of the roster (a club). One with the class's very title is
 * what the sync asks an admin about (it does not create the class until the two are linked); the
 * others share its teacher, grades and period but not its title.
 */
public record ClassroomMatch(String code, String title, String classSourcedId, String classTitle) {

    public boolean sameTitle() {
        return title.equals(classTitle);
    }
}
