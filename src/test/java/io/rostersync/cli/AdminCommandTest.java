package io.rostersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.accounts.AdminAccounts;
import io.rostersync.accounts.AuditEvent;
import io.rostersync.accounts.AuditTrail;
import io.rostersync.directory.Districts;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The operator's way back in: create an admin, reset a forgotten password, disable one; all audited. */
@Tag("database")
class AdminCommandTest {

    private static Database db;
    private static long district;

    @BeforeAll
    static void setUp() {
        db = TestDatabases.fresh("admin_cli");
        district = new Districts(db.dataSource()).findOrCreate("cli-district").id();
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = RostersyncCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 4];
        all[0] = "admin";
        all[1] = "--district";
        all[2] = "cli-district";
        // the test database's user and password in the URL: the command takes no other way but the environment
        Object password = db.springProperties().get("spring.datasource.password");
        all[3] = "--database-url=" + db.jdbcUrl() + "?user=" + db.user()
                + (password == null || password.toString().isEmpty() ? "" : "&password=" + password);
        System.arraycopy(args, 0, all, 4, args.length);
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void anOperatorCreatesAnAdminResetsItsPasswordAndDisablesIt() throws Exception {
        Run created = run("--create", "principal");
        assertThat(created.exit()).as(created.err()).isZero();
        String first = password(created.out());
        AdminAccounts accounts = new AdminAccounts(db.dataSource());
        assertThat(accounts.signIn("principal", first)).isPresent();

        Run reset = run("--reset-password", "principal");
        String second = password(reset.out());
        assertThat(second).isNotEqualTo(first);
        assertThat(accounts.signIn("principal", first)).as("the old password no longer works").isEmpty();
        assertThat(accounts.signIn("principal", second)).isPresent();

        assertThat(run("--disable", "principal").out()).contains("principal is disabled.");
        assertThat(accounts.signIn("principal", second)).isEmpty();
        assertThat(run().out()).contains("principal", "district_admin", "(disabled)");
        assertThat(run("--enable", "principal").exit()).isZero();
        assertThat(accounts.signIn("principal", second)).isPresent();

        assertThat(run("--reset-password", "nobody").exit()).isEqualTo(RostersyncCommand.EXIT_UNUSABLE);
        assertThat(run("--create", "principal").err()).as("a name already taken").isNotBlank();
        assertThat(new AuditTrail(db.dataSource()).list(district, null, 20)).extracting(AuditEvent::action)
                .containsExactly("admin.enable", "admin.disable", "admin.reset-password", "admin.create");
        assertThat(new AuditTrail(db.dataSource()).list(district, null, 20)).extracting(AuditEvent::detail)
                .noneMatch(d -> d != null && (d.contains(first) || d.contains(second)));
    }

    private static String password(String out) {
        Matcher m = Pattern.compile("password(?: of principal)?:? (\\S+) \\(shown this once").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }
}
