package io.rostersync.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Whether a {@link SecretBox} holds the key the database's keyed values were made with: the first box
 * that asks leaves a check value (its keyed hash of a fixed text); any later box must give the same.
 */
public final class InstallationKey {

    private static final String CHECKED = "rostersync installation key check";

    private InstallationKey() {
    }

    /** Another key than the database's. */
    public static final class MismatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MismatchException(String message) {
            super(message);
        }
    }

    /** Passes when the box's key is the database's (or the database has none yet, and now has this one). */
    public static void verify(DataSource dataSource, SecretBox box) throws SQLException {
        String mine = box.keyedHash(CHECKED, "installation");
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO installation_key (check_value) VALUES (?) ON CONFLICT (id) DO NOTHING")) {
                s.setString(1, mine);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT check_value FROM installation_key");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getString(1).equals(mine)) {
                    throw new MismatchException("This process's secret key is not the installation's: the database's"
                            + " birth dates and secrets were keyed with another. Set ROSTERSYNC_SECRET_KEY (or"
                            + " rostersync.secret-key) to the installation's key, or run from its data directory"
                            + " (DATA_DIR/secret.key). Nothing was changed.");
                }
            }
        }
    }
}
