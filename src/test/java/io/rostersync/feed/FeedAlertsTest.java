package io.rostersync.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.rostersync.directory.Districts;
import io.rostersync.intake.Intakes;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Feed health alerts by email, against a local SMTP server (GreenMail): told once when a finding
 * appears, once when it clears; an email that could not be sent is sent at the next check; two
 * nodes checking at once send one email.
 */
@Tag("database")
class FeedAlertsTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static Database db;

    @BeforeAll
    static void setUp() {
        db = TestDatabases.fresh("feed");
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private FeedAlerts alerts(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return new FeedAlerts(db.dataSource(), sender, "rostersync@district.test");
    }

    @Test
    void thePeopleNamedAreToldOnceWhenTheFeedGoesQuietAndOnceWhenItComesBack() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("quiet-feed").id();
        new FeedHealth(db.dataSource()).save(district, new FeedSettings(2, 3, 30, 2, List.of("it@district.test",
                "sis@district.test")));
        drop(district, "one", Duration.ofDays(3));
        FeedAlerts alerts = alerts(smtp.getSmtp().getPort());

        List<FeedHealth.Change> raised = alerts.check(Instant.now());
        assertThat(raised).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Finding.Kind.QUIET);
            assertThat(c.raised()).isTrue();
        });
        MimeMessage[] sent = smtp.getReceivedMessages();
        assertThat(sent).hasSize(2); // one per recipient
        assertThat(sent[0].getSubject()).isEqualTo("[Rostersync] quiet-feed: no file has come");
        assertThat(sent[0].getContent().toString()).contains("No file has come for 3 days", "What to do:",
                "/api/v1/districts/quiet-feed/feed-health");
        assertThat(sent[0].getFrom()[0].toString()).isEqualTo("rostersync@district.test");

        assertThat(alerts.check(Instant.now())).as("told once").isEmpty();
        assertThat(smtp.getReceivedMessages()).hasSize(2);

        drop(district, "two", Duration.ZERO);
        assertThat(alerts.check(Instant.now())).singleElement().satisfies(c -> assertThat(c.raised()).isFalse());
        assertThat(smtp.getReceivedMessages()).hasSize(4);
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().equals("[Rostersync] quiet-feed: resolved: no file has come");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).hasSize(2);
        assertThat(new FeedHealth(db.dataSource()).alerts(district, 10)).singleElement().satisfies(a -> {
            assertThat(a.notifiedAt()).isNotNull();
            assertThat(a.clearedAt()).isNotNull();
        });
    }

    @Test
    void anEmailThatCouldNotBeSentIsSentAtTheNextCheck() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("mail-down").id();
        new FeedHealth(db.dataSource()).save(district, new FeedSettings(2, 3, 30, 1, List.of("it@mail-down.test")));
        drop(district, "failed", Duration.ofHours(1));
        markFailed(district);
        int before = smtp.getReceivedMessages().length;

        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(alerts(closedPort).check(Instant.now())).as("raised, but the mail server is down").isNotEmpty();
        assertThat(new FeedHealth(db.dataSource()).alerts(district, 10)).singleElement()
                .satisfies(a -> assertThat(a.notifiedAt()).as("untold").isNull());

        List<FeedHealth.Change> retried = alerts(smtp.getSmtp().getPort()).check(Instant.now());
        assertThat(retried).extracting(FeedHealth.Change::kind).containsExactly(Finding.Kind.FAILING);
        assertThat(smtp.getReceivedMessages()).hasSize(before + 1);
        assertThat(smtp.getReceivedMessages()[before].getSubject()).contains("files in a row could not be used");
    }

    @Test
    void twoNodesCheckingAtOnceSendOneEmail() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("two-nodes-feed").id();
        new FeedHealth(db.dataSource()).save(district, new FeedSettings(1, 3, 30, 2, List.of("it@two.test")));
        drop(district, "old", Duration.ofDays(2));
        int before = smtp.getReceivedMessages().length;
        FeedAlerts first = alerts(smtp.getSmtp().getPort());
        FeedAlerts second = alerts(smtp.getSmtp().getPort());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<FeedHealth.Change>>> both = pool.invokeAll(List.<Callable<List<FeedHealth.Change>>>of(
                    () -> first.check(Instant.now()), () -> second.check(Instant.now())));
            long raised = 0;
            for (Future<List<FeedHealth.Change>> f : both) {
                raised += f.get().stream().filter(c -> c.districtId() == district).count();
            }
            assertThat(raised).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(smtp.getReceivedMessages()).hasSize(before + 1);
    }

    private void drop(long district, String content, Duration ago) throws Exception {
        Intakes intakes = new Intakes(db.dataSource());
        Intakes.Intake drop = intakes.record(district, "upload", List.of("users.csv"), content.length(),
                "sha-" + content, Path.of("/nonexistent"));
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE intake SET received_at = now() - ? * interval '1 second', status = 'synced'"
                        + " WHERE district_id = ? AND id = ?")) {
            s.setLong(1, ago.toSeconds());
            s.setLong(2, district);
            s.setLong(3, drop.id());
            s.executeUpdate();
        }
    }

    private void markFailed(long district) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE intake SET status = 'failed' WHERE district_id = ?")) {
            s.setLong(1, district);
            s.executeUpdate();
        }
    }
}
