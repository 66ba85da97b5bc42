package io.rostersync.intake;

import io.rostersync.intake.internal.api.ApiFailure;
import io.rostersync.intake.internal.api.ApiHttp;
import io.rostersync.intake.internal.api.Authorizer;
import io.rostersync.intake.internal.api.BearerToken;
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
import javax.sql.DataSource;

/**
 * Pulls a district's roster from its API into a drop: what was read is written as a OneRoster CSV
 * package in the district's drop folder, and recorded as a drop of the channel {@code api}, which then
 * takes the way every drop takes (the reader's validation, the engine, the guard, the report, undo).
 * One path, not two. A pull that stops anywhere (a refused request, a server that stays busy, an
 * answer that is not OneRoster) leaves nothing: its folder is deleted, no drop is recorded, and the
 * exception says why in words.
 */
public final class ApiPulls {

    private final Intakes intakes;
    private final Path dataDir;
    private final Clock clock;
    private final ApiHttp.Sleeper sleeper;
    private final int page;

    public ApiPulls(DataSource dataSource, Path dataDir) {
        this(dataSource, dataDir, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), OneRosterRestPull.DEFAULT_PAGE);
    }

    /** With a clock and a way of waiting of the caller's, and a page size (tests). */
    public ApiPulls(DataSource dataSource, Path dataDir, Clock clock, ApiHttp.Sleeper sleeper, int page) {
        this.intakes = new Intakes(dataSource);
        this.dataDir = dataDir;
        this.clock = clock;
        this.sleeper = sleeper;
        this.page = page;
    }

    /** What a pull did: the drop it recorded (status "skipped" when the same as the last), rows per file, requests sent and waits for a busy server. */
    public record Pulled(Intakes.Intake drop, Map<String, Long> rows, long requests, long waits) {
    }

    public Pulled pull(long districtId, ApiSource source) throws PullFailedException, SQLException {
        ApiHttp http = new ApiHttp(authorizer(source), sleeper, clock);
        OneRosterRestPull pull = new OneRosterRestPull(http, source.base(), source.version(), page);
        Path folder = null;
        try {
            folder = DropFolder.create(dataDir, districtId);
            OneRosterRestPull.Pulled read = pull.pullInto(folder);
            Intakes.Intake drop = DropFolder.record(intakes, districtId, "api", folder, read.files());
            return new Pulled(drop, read.rows(), http.requests(), http.waits());
        } catch (ApiFailure e) {
            delete(folder);
            throw new PullFailedException(e.getMessage(), e.hint(), e.status());
        } catch (IOException | UncheckedIOException e) {
            delete(folder);
            throw new PullFailedException("What was read could not be written to the drop folder: " + e.getMessage(),
                    "Check the data directory's free space; nothing was changed.", 0);
        } catch (RuntimeException | SQLException e) {
            delete(folder);
            throw e;
        }
    }

    private Authorizer authorizer(ApiSource source) {
        return switch (source.auth()) {
            case OAUTH1_HMAC_SHA256 -> new OAuth1Signer(source.clientId(), source.secret(), "HMAC-SHA256", clock);
            case OAUTH2_CLIENT_CREDENTIALS -> new OAuth2ClientCredentials(source.tokenUri(), source.clientId(),
                    source.secret(), source.scope(), clock);
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
}
