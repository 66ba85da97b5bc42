package io.rostersync.web;

import io.rostersync.accounts.Admin;
import io.rostersync.accounts.ApiToken;
import io.rostersync.accounts.AuditEvent;
import io.rostersync.directory.DirectoryReads;
import io.rostersync.directory.DirectorySchool;
import io.rostersync.directory.EntityKind;
import io.rostersync.intake.Intakes;
import io.rostersync.sync.RunReport;
import io.rostersync.schedule.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the API sends: its own shapes, not the modules' records, so that a module can change without
 * changing the API, and nothing leaks that a caller should not see (server paths, hashes).
 */
final class Views {

    private Views() {
    }

    record Me(String district, String username, String kind, String role, Set<Long> schools) {

        static Me of(Caller c) {
            return new Me(c.district(), c.name(), lower(c.kind().name()), lower(c.role().name()),
                    new TreeSet<>(c.schools()));
        }
    }

    record DistrictView(String slug, String name, boolean syncEnabled) {
    }

    /** The schedule as the API shows it; {@code pausedNow} says whether the pause holds at this moment. */
    record ScheduleView(boolean syncEnabled, String mode, String dailyAt, String timeZone, LocalDate pausedUntil,
            boolean pausedNow) {

        static ScheduleView of(Schedule s, Instant now) {
            return new ScheduleView(s.syncEnabled(), lower(s.mode().name()), s.dailyAt().toString(), s.zone().getId(),
                    s.pausedUntil(), s.pausedAt(now));
        }
    }

    record RunNow(List<DropView> drops, String note) {
    }

    record RunView(long run, String kind, String status, Instant startedAt, Instant finishedAt, long changes,
            Map<String, RunReport.Counts> counts, Map<String, RunReport.Totals> directory, List<String> holdReasons,
            long waiting, int problemCount, List<Map<String, Object>> problems, long skips, String error, Long reverts,
            Long revertedBy) {

        /** Problems listed in full up to this many; the CSV export has them all. */
        static final int PROBLEMS_LISTED = 200;

        static RunView of(RunReport r) {
            Map<String, RunReport.Counts> counts = new LinkedHashMap<>();
            Map<String, RunReport.Totals> directory = new LinkedHashMap<>();
            for (EntityKind kind : EntityKind.values()) {
                counts.put(kind.label(), r.counts(kind));
                if (r.directory().containsKey(kind)) {
                    directory.put(kind.label(), r.directory().get(kind));
                }
            }
            return new RunView(r.run(), r.kind(), r.status().label(), r.startedAt(), r.finishedAt(), r.changes(), counts,
                    directory, r.holdReasons(), r.waiting(), r.problems().size(),
                    r.problems().stream().limit(PROBLEMS_LISTED).map(p -> p.fields()).toList(), r.skips(), r.error(),
                    r.reverts(), r.revertedBy());
        }
    }

    /** A drop; {@code from} says where it came from in words ("Clever (api.clever.com)"). */
    record DropView(long id, String channel, String from, List<String> files, long bytes, String sha256, String status,
            Long run, String detail, Instant receivedAt, Instant filesDeletedAt) {

        static DropView of(Intakes.Intake i) {
            return new DropView(i.id(), i.channel(), i.from(), i.files(), i.bytes(), i.sha256(), i.status(), i.runId(),
                    i.detail(), i.receivedAt(), i.purgedAt());
        }
    }

    /** The district's own SFTP site: never its password or key, only whether it has them. */
    record SftpSiteView(boolean configured, String host, Integer port, String username, String folder,
            boolean hasPassword, boolean hasPrivateKey, String hostKeyFingerprint, Instant hostKeyPinnedAt,
            boolean writeResults, String resultFolder, boolean enabled, Instant polledAt, String pollError,
            Instant nextPollAt) {

        static SftpSiteView of(java.util.Optional<io.rostersync.intake.SftpSite> site) {
            if (site.isEmpty()) {
                return new SftpSiteView(false, null, null, null, null, false, false, null, null, false, null, false,
                        null, null, null);
            }
            io.rostersync.intake.SftpSite s = site.get();
            return new SftpSiteView(true, s.host(), s.port(), s.username(), s.folder(), s.hasPassword(),
                    s.hasPrivateKey(), s.hostKeyFingerprint(), s.hostKeyPinnedAt(), s.writeResults(),
                    s.writeResults() ? s.resultFolder() : null, s.enabled(), s.polledAt(), s.pollError(),
                    s.nextPollAt());
        }
    }

    /** What an admin sends for the site; a password, key or passphrase left out keeps the saved one. */
    record SftpSiteChange(String host, Integer port, String username, String folder, String password,
            String privateKey, String passphrase, Boolean writeResults, Boolean enabled) {

        /** Never the secrets (Spring logs request bodies at debug). */
        @Override
        public String toString() {
            return "SftpSiteChange[" + username + "@" + host + ":" + port + " " + folder + ", secrets "
                    + (password != null || privateKey != null || passphrase != null ? "(given)" : "(kept)") + "]";
        }
    }

    record ConnectionTestView(boolean connected, String hostKeyFingerprint, boolean hostKeyPinnedNow,
            List<RemoteFileView> files, String problem, String hint) {

        static ConnectionTestView of(io.rostersync.intake.SftpPoller.ConnectionTest t) {
            return new ConnectionTestView(t.connected(), t.hostKeyFingerprint(), t.pinnedNow(),
                    t.files().stream().map(f -> new RemoteFileView(f.name(), f.size(), Instant.ofEpochMilli(
                            f.modified()))).toList(), t.problem(), t.hint());
        }
    }

    record RemoteFileView(String name, long size, Instant modified) {
    }

    record ArrivalView(String completeness, Long stableForSeconds, String markerFile, int keepDropsDays) {

        static ArrivalView of(io.rostersync.intake.Arrival a) {
            return new ArrivalView(a.completeness().name().toLowerCase(java.util.Locale.ROOT),
                    a.stableFor() == null ? null : a.stableFor().toSeconds(), a.markerFile(), a.keepDays());
        }
    }

    record SchoolView(long id, String name, Set<String> schoolIds, boolean managed, String state) {

        static SchoolView of(DirectorySchool s) {
            return new SchoolView(s.id(), s.name(), new TreeSet<>(s.schoolIds()), s.managed(), s.state().column());
        }
    }

    record Page<T>(List<T> items, Long next) {
    }

    record PersonView(long id, String givenName, String familyName, String grade, String role, String state,
            boolean managed) {

        static PersonView of(DirectoryReads.PersonListing p) {
            return new PersonView(p.id(), p.givenName(), p.familyName(), p.grade(), p.role(), p.state().column(),
                    p.managed());
        }
    }

    record TokenView(long id, String name, String shownPrefix, String createdBy, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt) {

        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.shownPrefix(), t.createdBy(), t.createdAt(), t.lastUsedAt(),
                    t.revokedAt());
        }
    }

    record NewToken(String name) {
    }

    /** The one response that carries a token's secret. */
    record IssuedToken(TokenView token, String secret, String note) {
    }

    record AdminView(long id, String username, String role, Set<Long> schools, boolean disabled) {

        static AdminView of(Admin a) {
            return new AdminView(a.id(), a.username(), lower(a.role().name()), new TreeSet<>(a.schools()), a.disabled());
        }
    }

    record NewAdmin(String username, String password, String role, List<Long> schools) {
    }

    record AuditView(long id, Instant at, String actor, String actorKind, String address, String action, String target,
            String detail) {

        static AuditView of(AuditEvent e) {
            return new AuditView(e.id(), e.at(), e.actor(), lower(e.actorKind().name()), e.address(), e.action(),
                    e.target(), e.detail());
        }
    }

    static String lower(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
