package io.rostersync.intake;

import io.rostersync.intake.internal.api.ApiFailure;
import io.rostersync.intake.internal.api.ApiHttp;
import io.rostersync.intake.internal.api.Authorizer;
import io.rostersync.intake.internal.api.BearerToken;
import io.rostersync.intake.internal.api.CleverPull;
import io.rostersync.intake.internal.api.OAuth1Signer;
import io.rostersync.intake.internal.api.OAuth2ClientCredentials;
import io.rostersync.intake.internal.api.OneRosterRestPull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import io.rostersync.storage.SecretBox;
import javax.sql.DataSource;

/**
 * Pulls a district's roster from its API into a drop: what was read is written as a OneRoster CSV
 * package in the district's drop folder, and recorded as a drop of the channel {@code api}, which then
 * takes the way every drop takes (the reader's validation, the engine, the guard, the report, undo).
 * One path, not two. A pull that stops anywhere (a refused request, a server that stays busy, an
 * answer that is not OneRoster) leaves nothing: its folder is deleted, no drop is recorded, and the
 * exception says why in words.
 *
 * <p>A OneRoster REST API the district set to be read whole only every so often is read, in between,
 * for what changed since the drop of the directory's latest run was read, as a delta package. Only
 * then: after anything else (no whole pull within its interval, another source, a run held, failed,
 * previewed or undone) the pull reads the whole roster, which is always right.
 */
public final class ApiPulls {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiPulls.class);
    /** How long a node holds a district's API for one pull before another may take it. */
    static final java.time.Duration LEASE = java.time.Duration.ofHours(1);

    private final Intakes intakes;
    private final RosterApis apis;
    private final Path dataDir;
    private final Clock clock;
    private final ApiHttp.Sleeper sleeper;
    private final int page;
    private final boolean allowPrivateHosts;

    /**
     * @param allowPrivateHosts whether an API may be on a private or local address (the operator's
     *                          {@code rostersync.poll.allow-private-hosts}, as for SFTP sites)
     */
    public ApiPulls(DataSource dataSource, SecretBox secrets, Path dataDir, boolean allowPrivateHosts) {
        this(dataSource, secrets, dataDir, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                RosterApis.DEFAULT_PAGE, allowPrivateHosts);
    }

    /** With a clock and a way of waiting of the caller's, and a page size (tests). */
    public ApiPulls(DataSource dataSource, SecretBox secrets, Path dataDir, Clock clock, ApiHttp.Sleeper sleeper,
            int page, boolean allowPrivateHosts) {
        this.allowPrivateHosts = allowPrivateHosts;
        this.intakes = new Intakes(dataSource);
        this.apis = new RosterApis(dataSource, secrets);
        this.dataDir = dataDir;
        this.clock = clock;
        this.sleeper = sleeper;
        this.page = page;
    }

    /**
     * What a pull did: the drop it recorded (status "skipped" when the same as the last; null when a
     * pull of changes found none), rows per file, requests sent and waits for a busy server, and the
     * changes since when it read (null: the whole roster).
     */
    public record Pulled(Intakes.Intake drop, Map<String, Long> rows, long requests, long waits,
            java.time.Instant changesSince, boolean wasOvertaken) {

        Pulled(Intakes.Intake drop, Map<String, Long> rows, long requests, long waits, java.time.Instant changesSince) {
            this(drop, rows, requests, waits, changesSince, false);
        }

        /** The changes read, not kept: another drop came during the pull. */
        Pulled overtaken() {
            return new Pulled(drop, rows, requests, waits, changesSince, true);
        }

        /** What it read, in an admin's words. */
        public String described() {
            if (wasOvertaken) {
                return "changes since " + at(changesSince) + " not kept: another drop came while they were read;"
                        + " the next pull reads the whole roster";
            }
            long records = rows.values().stream().mapToLong(Long::longValue).sum();
            String what = changesSince == null ? "the whole roster" : "changes since " + at(changesSince);
            return drop == null ? "no " + what : what + ": " + records + (records == 1 ? " record" : " records")
                    + ", drop " + drop.id() + ("skipped".equals(drop.status()) ? " (the same as the last)" : "");
        }
    }

    /**
     * A pull of the changes since {@code since}, read on top of {@code baseRun}, decided when
     * {@code lastDropId} was the district's latest drop.
     */
    record ChangesSince(java.time.Instant since, long baseRun, long lastDropId) {
    }

    /**
     * What a read into a folder gave: rows per file, requests sent and waits for a busy server, as of when
     * (null when the source has no clock to go by), and which files hold changes only.
     */
    public record Read(Map<String, Long> rows, java.util.List<String> files, long requests, long waits,
            java.time.Instant asOf, java.util.Set<String> changesOnly, boolean nothingChanged) {
    }

    /**
     * Reads the API into {@code folder} as a OneRoster CSV package, recording nothing: to look at what
     * an API gives before connecting a district to it, and to measure a pull.
     */
    public Read read(ApiSource source, Path folder) throws PullFailedException {
        return read(source, folder, page, allowPrivateHosts, clock, sleeper, null);
    }

    /**
     * {@link #read(ApiSource, Path)} without a database: for a benchmark, or a look at an API; the
     * changes since {@code changesSince} only, when not null and the source is a OneRoster REST API.
     */
    public static Read read(ApiSource source, Path folder, int page, boolean allowPrivateHosts, Clock clock,
            ApiHttp.Sleeper sleeper, java.time.Instant changesSince) throws PullFailedException {
        try (ApiHttp http = new ApiHttp(authorizer(source, clock, allowPrivateHosts), sleeper, clock)
                .allowingPrivateHosts(allowPrivateHosts)) {
            Files.createDirectories(folder);
            OneRosterRestPull.Pulled read = reader(http, source, page, clock).pullInto(folder, changesSince);
            return new Read(read.rows(), read.files(), http.requests(), http.waits(), read.asOf(),
                    read.changesOnly(), read.nothingChanged());
        } catch (ApiFailure e) {
            throw new PullFailedException(e.getMessage(), e.hint(), e.status());
        } catch (IOException | UncheckedIOException e) {
            throw new PullFailedException("What was read could not be written: " + e.getMessage(),
                    "Check the folder and its free space.", 0);
        }
    }

    /** Pulls the whole roster. */
    public Pulled pull(long districtId, ApiSource source) throws PullFailedException, SQLException {
        return pull(districtId, source, null, null);
    }

    /**
     * Pulls the roster, or its changes since when {@code changes} says, into a drop. A pull of changes
     * that finds none records no drop; nor does one during which another drop of the district came
     * (it would be synced first, and the changes read on top of it): the next pull reads everything.
     * What the drop covers is noted while the pull still holds its lease (null: no lease to hold).
     */
    Pulled pull(long districtId, ApiSource source, ChangesSince changes, RosterApis.Claim lease)
            throws PullFailedException, SQLException {
        java.time.Instant changesSince = changes == null ? null : changes.since();
        Path folder;
        try {
            folder = DropFolder.create(dataDir, districtId);
        } catch (IOException e) {
            throw new PullFailedException("The drop folder could not be made: " + e.getMessage(),
                    "Check the data directory's free space; nothing was changed.", 0);
        }
        try {
            long lastDropBefore = intakes.queue(districtId).lastDropId();
            // the district's page size, if it chose one (a far or slow API: fewer, larger pages)
            Integer chosen = apis.find(districtId).map(RosterApis.RosterApi::pageSize).orElse(null);
            Read read = read(source, folder, chosen == null ? page : chosen, allowPrivateHosts, clock, sleeper,
                    changesSince);
            java.time.Instant since = read.changesOnly().isEmpty() ? null : changesSince;
            if (since != null && intakes.queue(districtId).lastDropId() != changes.lastDropId()) {
                delete(folder);
                apis.pullNow(districtId);
                return new Pulled(null, read.rows(), read.requests(), read.waits(), since).overtaken();
            }
            if (!sameSource(districtId, source)) {
                // the district gave another source (an address, a token) meanwhile: what was read of the old one
                // is not a drop
                delete(folder);
                throw new PullFailedException("The roster API's settings changed while it was read; what was read"
                        + " was not kept.", "Nothing to do: the next pull reads the new source.", 0);
            }
            if (intakes.pulledSince(districtId, lastDropBefore)) {
                // a pull that outlived its lease: another node's, begun later, landed first and is newer
                delete(folder);
                throw new PullFailedException("A later pull of the roster API landed while this one read; what this"
                        + " one read was not kept.", "Nothing to do.", 0);
            }
            if (read.nothingChanged()) {
                delete(folder);
                return new Pulled(null, read.rows(), read.requests(), read.waits(), since);
            }
            Intakes.Intake drop = DropFolder.record(intakes, districtId, "api", origin(source, since), folder,
                    read.files());
            if (read.asOf() != null) {
                try {
                    apis.covered(districtId, drop.id(), since, since == null ? null : changes.baseRun(), read.asOf(),
                            lease);
                } catch (SQLException e) {
                    // the drop stands; without what it covers, the next pull reads the whole roster
                    LOG.warn("district {}'s drop {}: what it covers could not be noted", districtId, drop.id(), e);
                }
            }
            return new Pulled(drop, read.rows(), read.requests(), read.waits(), since);
        } catch (PullFailedException | RuntimeException | SQLException e) {
            delete(folder);
            throw e;
        } catch (IOException e) {
            delete(folder);
            throw new PullFailedException("What was read could not be recorded as a drop: " + e.getMessage(),
                    "Check the data directory's free space; nothing was changed.", 0);
        }
    }

    /**
     * Pulls every district's API that is due (one node at a time per district); a failure is noted on
     * the API, in words, and the next pull after its interval tries again. Returns the drops recorded.
     */
    public java.util.List<Intakes.Intake> pullDue(AppliedRuns applied) throws SQLException {
        java.util.List<Intakes.Intake> drops = new java.util.ArrayList<>();
        for (java.util.Optional<RosterApis.Claim> due = apis.claimDue(clock.instant(), LEASE); due.isPresent();
                due = apis.claimDue(clock.instant(), LEASE)) {
            long district = due.get().districtId();
            String error = null;
            long requests = 0;
            String described = null;
            java.time.Instant wholeAt = null;
            try {
                java.time.Instant started = clock.instant();
                Pulled pulled = pull(district, apis.source(district), changesSince(district, applied), due.get());
                requests = pulled.requests();
                described = pulled.described();
                wholeAt = pulled.changesSince() == null && !pulled.wasOvertaken() ? started : null;
                if (pulled.drop() != null) {
                    drops.add(pulled.drop());
                }
                LOG.info("pulled district {}'s roster API: {}, {} requests", district, described, pulled.requests());
            } catch (PullFailedException e) {
                error = e.getMessage() + " " + e.hint();
                LOG.info("district {}'s roster API could not be pulled: {}", district, e.getMessage());
            } catch (SecretBox.SealedSecretException e) {
                error = "The saved secret cannot be opened: " + e.getMessage();
                LOG.warn("district {}'s roster API secret cannot be opened: {}", district, e.getMessage());
            } catch (SQLException | RuntimeException e) {
                error = "The pull failed; the next one tries again.";
                LOG.warn("district {}'s roster API could not be pulled", district, e);
            } finally {
                if (!apis.pulled(due.get(), error, requests, clock.instant(), described, wholeAt)) {
                    LOG.warn("district {}'s roster API: the pull outlived its lease; another pull has it now",
                            district);
                }
            }
        }
        return drops;
    }

    /** Whether the district's API is still the source a pull read: the same address, credentials and choices. */
    private boolean sameSource(long districtId, ApiSource source) throws SQLException {
        try {
            return apis.find(districtId).isPresent() && apis.source(districtId).equals(source);
        } catch (SecretBox.SealedSecretException e) {
            return false;
        }
    }

    /**
     * Since when a pull of the district's API reads changes only, or null for the whole roster: only
     * when the district set whole pulls every so often, one was made within that time, no drop of the
     * district waits or is being synced (it would go first, and could be another source's, or held), and
     * the directory's latest run, held whole, came from a pull of this API, whose as-of it starts from.
     */
    ChangesSince changesSince(long districtId, AppliedRuns applied) throws SQLException {
        java.util.Optional<RosterApis.RosterApi> api = apis.find(districtId);
        if (api.isEmpty() || api.get().fullPullEvery() == null || api.get().fullPulledAt() == null
                || api.get().provider() != ApiSource.Provider.ONEROSTER
                || !clock.instant().isBefore(api.get().fullPulledAt().plus(api.get().fullPullEvery()))) {
            return null;
        }
        Intakes.Queue queue = intakes.queue(districtId);
        if (queue.busy()) {
            return null;
        }
        java.util.OptionalLong run = applied.latest(districtId);
        java.util.Optional<java.time.Instant> since = run.isEmpty() ? java.util.Optional.empty()
                : apis.coveredUpTo(districtId, run.getAsLong());
        return since.map(at -> new ChangesSince(at, run.getAsLong(), queue.lastDropId())).orElse(null);
    }

    /** What a connection test found: the schools the API lists (first page), or why it could not. */
    public record ConnectionTest(boolean connected, java.util.List<String> schools, long total, String problem,
            String hint) {
    }

    /** Signs in as a pull would and lists the API's schools; changes nothing. */
    public ConnectionTest test(long districtId) throws SQLException {
        ApiSource source;
        try {
            source = apis.source(districtId);
        } catch (SecretBox.SealedSecretException e) {
            return new ConnectionTest(false, java.util.List.of(), 0, "The saved secret cannot be opened.",
                    e.getMessage());
        }
        try (ApiHttp http = new ApiHttp(authorizer(source), sleeper, clock, 1).allowingPrivateHosts(allowPrivateHosts)) {
            java.util.List<String> schools = new java.util.ArrayList<>();
            long total = source.provider() == ApiSource.Provider.CLEVER
                    ? CleverPull.schools(http, source.base(), 100, schools::add)
                    : OneRosterRestPull.schools(http, source.base(), 100, schools::add);
            return new ConnectionTest(true, schools, total, null, null);
        } catch (ApiFailure e) {
            return new ConnectionTest(false, java.util.List.of(), 0, e.getMessage(), e.hint());
        }
    }

    /** What reads the source into a package: Clever's or a OneRoster REST API's reader. */
    private interface PackageReader {
        OneRosterRestPull.Pulled pullInto(Path folder, java.time.Instant changesSince) throws IOException;
    }

    private static PackageReader reader(ApiHttp http, ApiSource source, int page, Clock clock) {
        if (source.provider() == ApiSource.Provider.CLEVER) {
            CleverPull clever = new CleverPull(http, source.base(), page, source.contactTypes(),
                    source.contactRelationships(), java.time.LocalDate.now(clock));
            return (folder, changesSince) -> clever.pullInto(folder); // Clever: always whole
        }
        OneRosterRestPull rest = new OneRosterRestPull(http, source.base(), source.version(), page, clock);
        return rest::pullInto;
    }

    private Authorizer authorizer(ApiSource source) {
        return authorizer(source, clock, allowPrivateHosts);
    }

    private static Authorizer authorizer(ApiSource source, Clock clock, boolean allowPrivateHosts) {
        return switch (source.auth()) {
            case OAUTH1_HMAC_SHA256 -> new OAuth1Signer(source.clientId(), source.secret(), "HMAC-SHA256", clock);
            case OAUTH2_CLIENT_CREDENTIALS -> new OAuth2ClientCredentials(source.tokenUri(), source.clientId(),
                    source.secret(), source.scope(), clock, allowPrivateHosts);
            case BEARER -> new BearerToken(source.secret());
        };
    }

    private static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a folder left behind holds no drop: no intake row points at it
        }
    }

    /** A time as an admin reads it in a drop's origin and the API's last pull: 2026-12-05 00:55 UTC. */
    static String at(java.time.Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(instant.atZone(java.time.ZoneOffset.UTC));
    }

    /** What the drop says it came from: the provider and the host it was read from, and whether changes only. */
    static String origin(ApiSource source, java.time.Instant changesSince) {
        return switch (source.provider()) {
            case CLEVER -> "Clever";
            case ONEROSTER -> "OneRoster " + source.version().label() + " REST API";
        } + " (" + source.base().getHost() + ")"
                + (changesSince == null ? "" : ", changes since " + at(changesSince));
    }
}
