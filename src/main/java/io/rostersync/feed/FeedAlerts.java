package io.rostersync.feed;

import io.rostersync.directory.District;
import io.rostersync.directory.Districts;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

/**
 * Checks every district's feed and tells the people each district named, by email: once when a
 * finding appears (again at the next check if the email could not be sent), once when it clears.
 * Without a mail server ({@code spring.mail.host}) the findings are only logged and shown by the API.
 */
public final class FeedAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(FeedAlerts.class);

    private final FeedHealth health;
    private final Districts districts;
    private final MailSender mail;
    private final String from;

    public FeedAlerts(DataSource dataSource, MailSender mail, String from) {
        this.health = new FeedHealth(dataSource);
        this.districts = new Districts(dataSource);
        this.mail = mail;
        this.from = from;
    }

    /**
     * One check of every district; returns the changes its people are told of (raised or cleared).
     * Alerts are raised (and logged) either way; only an email that was sent counts as told.
     */
    public List<FeedHealth.Change> check(Instant now) throws SQLException {
        List<FeedHealth.Change> changes = health.check(now, mail != null);
        for (FeedHealth.Change change : changes) {
            Optional<District> district = districts.find(change.districtId());
            String name = district.map(District::name).orElse("district " + change.districtId());
            LOG.info("feed of {}: telling {} that {} {}", district.map(District::slug).orElse("?"),
                    change.recipients(), change.kind(), change.raised() ? "was raised" : "cleared");
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(change.recipients().toArray(String[]::new));
            message.setSubject("[Rostersync] " + name + ": " + (change.raised() ? "" : "resolved: ")
                    + title(change.kind()));
            message.setText(change.raised()
                    ? "The files " + name + " sends need a look.\n\n" + change.message() + "\n\nWhat to do: "
                            + change.hint() + "\n\n" + footer(district)
                    : "This is resolved: " + change.message() + "\n\n" + footer(district));
            try {
                mail.send(message);
            } catch (RuntimeException e) {
                LOG.warn("could not email {} about the feed of {}: {}", change.recipients(), name, e.getMessage());
                if (change.raised()) {
                    health.untold(change);
                }
            }
        }
        return changes;
    }

    private static String title(Finding.Kind kind) {
        return switch (kind) {
            case QUIET -> "no file has come";
            case SAME_FILE -> "the same file keeps coming";
            case SHRANK -> "the latest file is much smaller";
            case FAILING -> "files in a row could not be used";
        };
    }

    private static String footer(Optional<District> district) {
        return "Feed health: GET /api/v1/districts/" + district.map(District::slug).orElse("…") + "/feed-health\n"
                + "You get this email because your address is in the district's feed health settings.";
    }
}
