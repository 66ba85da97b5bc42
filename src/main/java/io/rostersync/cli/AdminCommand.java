package io.rostersync.cli;

import io.rostersync.accounts.Admin;
import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AdminRole;
import io.rostersync.accounts.AuditEvent;
import io.rostersync.accounts.AuditTrail;
import io.rostersync.accounts.Passwords;
import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import io.rostersync.storage.Database;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The operator's way to a district's admin accounts when nobody can sign in: list them, create one,
 * give one a new password (shown once), disable or enable one. Each change goes to the district's
 * audit trail as the operator's.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = {"List, create, reset the password of, disable or enable a district's admin accounts.",
            "A new password is shown once (or taken from ROSTERSYNC_ADMIN_PASSWORD); only its Argon2id hash is kept."})
final class AdminCommand extends DistrictCommand {

    @ArgGroup(exclusive = true)
    Action action;

    static final class Action {
        @Option(names = "--create", paramLabel = "USER", description = "Create an admin account.")
        String create;

        @Option(names = "--reset-password", paramLabel = "USER", description = "Give the account a new password.")
        String resetPassword;

        @Option(names = "--disable", paramLabel = "USER", description = "Stop the account from signing in.")
        String disable;

        @Option(names = "--enable", paramLabel = "USER", description = "Let a disabled account sign in again.")
        String enable;
    }

    @Option(names = "--school", paramLabel = "ID",
            description = "With --create: a school admin of this school (repeat for several); without: a district admin.")
    List<Long> schools = new ArrayList<>();

    @Override
    int run(Database db, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        Optional<District> found = new Districts(db.dataSource()).find(district);
        if (found.isEmpty()) {
            err.println("No district '" + district + "'.");
            return RostersyncCommand.EXIT_UNUSABLE;
        }
        long id = found.get().id();
        AdminAccounts accounts = new AdminAccounts(db.dataSource());
        AuditTrail audit = new AuditTrail(db.dataSource());
        String operator = System.getProperty("user.name", "operator");
        try {
            if (action == null) {
                for (Admin a : accounts.list(id)) {
                    out.printf("%-24s %-14s%s%s%n", a.username(), a.role().name().toLowerCase(java.util.Locale.ROOT),
                            a.schools().isEmpty() ? "" : " schools " + a.schools(), a.disabled() ? " (disabled)" : "");
                }
                return 0;
            }
            if (action.create != null) {
                String password = password();
                AdminRole role = schools.isEmpty() ? AdminRole.DISTRICT_ADMIN : AdminRole.SCHOOL_ADMIN;
                Admin created = accounts.create(id, action.create, password, role, schools);
                audit.record(id, operator, AuditEvent.ActorKind.OPERATOR, null, "admin.create", "admin "
                        + created.username(), role.name().toLowerCase(java.util.Locale.ROOT) + " (admin command)");
                out.println("Created " + created.username() + ", password " + shown(password));
                return 0;
            }
            String username = (action.resetPassword != null ? action.resetPassword
                    : action.disable != null ? action.disable : action.enable).trim().toLowerCase(java.util.Locale.ROOT);
            Optional<Admin> admin = accounts.list(id).stream().filter(a -> a.username().equals(username)).findFirst();
            if (admin.isEmpty()) {
                err.println("District '" + district + "' has no admin '" + username + "'.");
                return RostersyncCommand.EXIT_UNUSABLE;
            }
            if (action.resetPassword != null) {
                String password = password();
                accounts.setPassword(id, admin.get().id(), password);
                audit.record(id, operator, AuditEvent.ActorKind.OPERATOR, null, "admin.reset-password",
                        "admin " + username, "admin command");
                out.println("New password of " + username + ": " + shown(password));
            } else {
                boolean disable = action.disable != null;
                accounts.setDisabled(id, admin.get().id(), disable);
                audit.record(id, operator, AuditEvent.ActorKind.OPERATOR, null, disable ? "admin.disable"
                        : "admin.enable", "admin " + username, "admin command");
                out.println(username + (disable ? " is disabled." : " may sign in again."));
            }
            return 0;
        } catch (AdminAccounts.InvalidAccountException e) {
            err.println(e.getMessage());
            return RostersyncCommand.EXIT_UNUSABLE;
        } catch (SQLException e) {
            err.println("The database refused: " + e.getMessage());
            return 1;
        }
    }

    private static String password() {
        String given = System.getenv("ROSTERSYNC_ADMIN_PASSWORD");
        return given == null || given.isBlank() ? Passwords.newPassword() : given;
    }

    private static String shown(String password) {
        String given = System.getenv("ROSTERSYNC_ADMIN_PASSWORD");
        return given == null || given.isBlank() ? password + " (shown this once; only its hash is kept)"
                : "from ROSTERSYNC_ADMIN_PASSWORD";
    }
}
