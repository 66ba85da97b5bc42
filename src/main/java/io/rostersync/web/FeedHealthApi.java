package io.rostersync.web;

import io.rostersync.directory.District;
import io.rostersync.feed.FeedHealth;
import io.rostersync.feed.FeedSettings;
import io.rostersync.feed.Finding;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether the district's files keep coming and look sane; the settings of that, and who is emailed. */
@RestController
@RequestMapping("/api/v1/districts/{district}/feed-health")
class FeedHealthApi {

    private static final Set<String> FIELDS = Set.of("quietDays", "sameFileDays", "shrinkPercent", "failuresInARow",
            "recipients");

    private final Access access;
    private final Audit audit;
    private final FeedHealth health;
    private final Clock clock = Clock.systemUTC();

    FeedHealthApi(Access access, Audit audit, DataSource dataSource) {
        this.access = access;
        this.audit = audit;
        this.health = new FeedHealth(dataSource);
    }

    record FindingView(String kind, Instant since, String message, String hint) {
    }

    record AlertView(String kind, String message, Instant raisedAt, Instant emailedAt, Instant clearedAt) {
    }

    record FeedHealthView(String status, List<FindingView> findings, FeedSettings settings, List<AlertView> alerts) {
    }

    @GetMapping
    FeedHealthView get(@AuthenticationPrincipal Caller caller, @PathVariable String district) throws SQLException {
        District d = access.districtAdmin(caller, district, "see the feed's health");
        return view(d);
    }

    /** Changes the fields the body names (a JSON merge patch). */
    @PatchMapping
    FeedHealthView change(@AuthenticationPrincipal Caller caller, @PathVariable String district,
            @RequestBody Map<String, Object> change) throws SQLException {
        District d = access.districtAdmin(caller, district, "change the feed health settings");
        ApiProblem.onlyFields(change, FIELDS, "The feed health settings");
        FeedSettings s = health.settings(d.id());
        FeedSettings after;
        try {
            after = new FeedSettings(number(change, "quietDays", s.quietDays()),
                    number(change, "sameFileDays", s.sameFileDays()), number(change, "shrinkPercent", s.shrinkPercent()),
                    number(change, "failuresInARow", s.failuresInARow()), recipients(change, s.recipients()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiProblem.invalid("The feed health settings cannot use that: " + e.getMessage() + ".",
                    "quietDays and sameFileDays are 1 to 60, shrinkPercent 5 to 95, failuresInARow 1 to 20; recipients"
                            + " a list of email addresses.");
        }
        if (!after.equals(s)) {
            health.save(d.id(), after);
            audit.record(caller, "feed-health.change", "district " + d.slug(), after.toString());
        }
        return view(d);
    }

    private FeedHealthView view(District d) throws SQLException {
        List<FindingView> findings = health.findings(d.id(), clock.instant()).stream()
                .map(f -> new FindingView(kind(f.kind()), f.since(), f.message(), f.hint())).toList();
        List<AlertView> alerts = health.alerts(d.id(), 20).stream().map(a -> new AlertView(kind(a.kind()), a.message(),
                a.raisedAt(), a.notifiedAt(), a.clearedAt())).toList();
        return new FeedHealthView(findings.isEmpty() ? "ok" : "needs_attention", findings, health.settings(d.id()),
                alerts);
    }

    private static String kind(Finding.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static int number(Map<String, Object> change, String field, int current) {
        if (!change.containsKey(field)) {
            return current;
        }
        return Math.toIntExact(ApiProblem.wholeNumber(change.get(field), field));
    }

    private static List<String> recipients(Map<String, Object> change, List<String> current) {
        if (!change.containsKey("recipients")) {
            return current;
        }
        if (!(change.get("recipients") instanceof List<?> list)) {
            throw new IllegalArgumentException("recipients is a list of email addresses");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(String.valueOf(o).trim());
        }
        return out;
    }
}
