package io.rostersync.intake;

import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Which run the directory of a district holds as its latest, for a pull of changes only: such a pull
 * starts where the drop of that run was read, so it may only follow a run the directory holds whole.
 * The intake does not keep runs; the one who runs drops says.
 */
@FunctionalInterface
public interface AppliedRuns {

    /** Nothing is known to be held: every pull reads the whole roster. */
    AppliedRuns NONE = district -> OptionalLong.empty();

    /**
     * The id of the district's latest run, if it is a sync the directory holds whole: applied (with or
     * without warnings), not undone, no run (an undo, an approval, a preview) after it, no row it could
     * not use, and no setting or admin's answer since that could make it go otherwise.
     */
    OptionalLong latest(long districtId) throws SQLException;
}
