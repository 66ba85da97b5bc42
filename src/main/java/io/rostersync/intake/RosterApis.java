package io.rostersync.intake;

import io.rostersync.oneroster.OneRosterVersion;
import io.rostersync.storage.SecretBox;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The districts' roster APIs: where each is, how requests prove who asks, the secret sealed by
 * {@link SecretBox} (bound to the district), how often it is pulled, and how the last pull went.
 */
public final class RosterApis {

    private static final String COLUMNS = "district_id, base_url, oneroster_version, auth, client_id, token_url,"
            + " scope, extract(epoch FROM pull_every)::bigint, enabled, pulled_at, pull_error, pull_requests,"
            + " next_pull_at, provider, contact_types, contact_relationships, page_size,"
            + " extract(epoch FROM full_pull_every)::bigint, full_pulled_at, last_pull";

    /**
     * Records a request when the district does not say. The binding's default is 100; providers take far
     * more (ClassLink up to 10,000), and a server that caps lower is still read whole.
     */
    public static final int DEFAULT_PAGE = 1000;
    static final int MIN_PAGE = 100;
    static final int MAX_PAGE = 10_000;
    /** Whole pulls between pulls of changes only: at least this often, at most {@link #MAX_FULL_EVERY}. */
    static final Duration MIN_FULL_EVERY = Duration.ofHours(1);
    static final Duration MAX_FULL_EVERY = Duration.ofDays(7);

    private final DataSource dataSource;
    private final SecretBox secrets;

    public RosterApis(DataSource dataSource, SecretBox secrets) {
        this.dataSource = dataSource;
        this.secrets = secrets;
    }

    /**
     * A district's roster API as saved: everything but the secret. {@code fullPullEvery} null: every
     * pull reads the whole roster; else pulls in between read the changes only. {@code lastPull} says
     * in words what the last pull that worked read.
     */
    public record RosterApi(long districtId, URI base, OneRosterVersion version, ApiSource.Auth auth, String clientId,
            URI tokenUri, String scope, Duration pullEvery, boolean enabled, Instant pulledAt, String pullError,
            Long pullRequests, Instant nextPullAt, ApiSource.Provider provider, java.util.List<String> contactTypes,
            java.util.List<String> contactRelationships, Integer pageSize, Duration fullPullEvery,
            Instant fullPulledAt, String lastPull) {
    }

    /**
     * What an admin sends: {@code secret} null keeps the saved one (which is only ever sent to the
     * address, token address and client id it was given with); {@code pullEveryMinutes} null is an hour;
     * {@code pageSize} null is the service's default; {@code fullPullEveryHours} null has every pull
     * read the whole roster, else the pulls between whole ones read only what changed (OneRoster REST).
     */
    public record Settings(String baseUrl, String version, String auth, String clientId, String secret,
            String tokenUrl, String scope, Integer pullEveryMinutes, Boolean enabled, String provider,
            java.util.List<String> contactTypes, java.util.List<String> contactRelationships, Integer pageSize,
            Integer fullPullEveryHours) {

        /** Any provider's settings, every pull reading the whole roster. */
        public Settings(String baseUrl, String version, String auth, String clientId, String secret, String tokenUrl,
                String scope, Integer pullEveryMinutes, Boolean enabled, String provider,
                java.util.List<String> contactTypes, java.util.List<String> contactRelationships, Integer pageSize) {
            this(baseUrl, version, auth, clientId, secret, tokenUrl, scope, pullEveryMinutes, enabled, provider,
                    contactTypes, contactRelationships, pageSize, null);
        }

        /** Any provider's settings, pulled in pages of the service's default size. */
        public Settings(String baseUrl, String version, String auth, String clientId, String secret, String tokenUrl,
                String scope, Integer pullEveryMinutes, Boolean enabled, String provider,
                java.util.List<String> contactTypes, java.util.List<String> contactRelationships) {
            this(baseUrl, version, auth, clientId, secret, tokenUrl, scope, pullEveryMinutes, enabled, provider,
                    contactTypes, contactRelationships, null);
        }

        /** A OneRoster REST API's settings. */
        public Settings(String baseUrl, String version, String auth, String clientId, String secret, String tokenUrl,
                String scope, Integer pullEveryMinutes, Boolean enabled) {
            this(baseUrl, version, auth, clientId, secret, tokenUrl, scope, pullEveryMinutes, enabled, "oneroster",
                    null, null);
        }

        @Override
        public String toString() {
            return "Settings[" + baseUrl + ", " + version + ", " + auth + ", client " + clientId + ", secret "
                    + (secret == null ? "kept" : "(hidden)") + "]";
        }
    }

    /** Settings that cannot be used, with what to do about it. */
    public static final class InvalidSettingsException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        InvalidSettingsException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    public Optional<RosterApi> find(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, districtId);
        }
    }

    private static Optional<RosterApi> find(Connection c, long districtId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM roster_api WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public RosterApi save(long districtId, Settings settings) throws SQLException {
        ApiSource.Provider provider = switch (settings.provider() == null ? "oneroster"
                : settings.provider().trim().toLowerCase(Locale.ROOT)) {
            case "oneroster", "" -> ApiSource.Provider.ONEROSTER;
            case "clever" -> ApiSource.Provider.CLEVER;
            default -> throw new InvalidSettingsException("'" + settings.provider() + "' is not a roster API.",
                    "Give oneroster (a OneRoster REST API) or clever.");
        };
        if (provider == ApiSource.Provider.CLEVER) {
            // Clever is one API, read with the district-app token, as OneRoster 1.1
            settings = new Settings(settings.baseUrl() == null || settings.baseUrl().isBlank()
                    ? "https://api.clever.com/v3.0" : settings.baseUrl(), "1.1", "bearer", null, settings.secret(),
                    null, null, settings.pullEveryMinutes(), settings.enabled(), "clever", settings.contactTypes(),
                    settings.contactRelationships(), settings.pageSize(), settings.fullPullEveryHours());
        }
        URI base = address(settings.baseUrl(), "The API's address");
        OneRosterVersion version = switch (settings.version() == null ? "1.1" : settings.version().trim()) {
            case "1.1" -> OneRosterVersion.V1_1;
            case "1.2" -> OneRosterVersion.V1_2;
            default -> throw new InvalidSettingsException("OneRoster " + settings.version() + " is not 1.1 or 1.2.",
                    "Say which version the provider serves: 1.1 (/ims/oneroster/v1p1) or 1.2"
                            + " (/ims/oneroster/rostering/v1p2).");
        };
        ApiSource.Auth auth;
        try {
            auth = ApiSource.Auth.valueOf((settings.auth() == null ? "" : settings.auth()).trim()
                    .toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("'" + settings.auth() + "' is not a way to sign in to an API.",
                    "Give oauth1_hmac_sha256 (ClassLink's Roster Server), oauth2_client_credentials (OneRoster"
                            + " 1.2) or bearer (a token that does not expire).");
        }
        URI token = auth == ApiSource.Auth.OAUTH2_CLIENT_CREDENTIALS ? address(settings.tokenUrl(), "The token address")
                : null;
        String clientId = settings.clientId() == null || settings.clientId().isBlank() ? null
                : settings.clientId().trim();
        if (auth != ApiSource.Auth.BEARER && clientId == null) {
            throw new InvalidSettingsException("The client id is missing.", "Give the client id (consumer key)"
                    + " the provider made for us.");
        }
        int minutes = settings.pullEveryMinutes() == null ? 60 : settings.pullEveryMinutes();
        if (minutes < 5 || minutes > 7 * 24 * 60) {
            throw new InvalidSettingsException("Pulling every " + minutes + " minutes is not allowed.",
                    "Pull between every 5 minutes and once a week; the drops then follow the district's schedule.");
        }
        Integer pageSize = settings.pageSize();
        if (pageSize != null && (pageSize < MIN_PAGE || pageSize > MAX_PAGE)) {
            throw new InvalidSettingsException("Pages of " + pageSize + " records are not allowed.",
                    "Ask for " + MIN_PAGE + " to " + MAX_PAGE + " records a request, or leave it out for "
                            + DEFAULT_PAGE + ".");
        }
        Duration fullPullEvery = fullPullEvery(settings.fullPullEveryHours(), provider, minutes);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<RosterApi> before = find(c, districtId);
                boolean newSecret = settings.secret() != null && !settings.secret().isEmpty();
                if (before.isEmpty() && !newSecret) {
                    throw new InvalidSettingsException("The secret is missing.", "Give the client secret (or the"
                            + " token) with the rest; it is sealed and never shown again.");
                }
                if (before.isPresent() && !newSecret && (!before.get().base().equals(base)
                        || !java.util.Objects.equals(before.get().tokenUri(), token)
                        || !java.util.Objects.equals(before.get().clientId(), clientId))) {
                    // a saved secret is only ever sent where it was given
                    throw new InvalidSettingsException("Another address or client needs its secret given again.",
                            "Send the secret with the new address, token address or client id.");
                }
                String sealed = newSecret ? secrets.seal(settings.secret(), context(districtId)) : null;
                // another source (an address, a client, a secret: perhaps another tenant of one host): what earlier
                // pulls read says nothing of it, and the next pull reads it whole
                boolean sameSource = before.isPresent() && before.get().base().equals(base)
                        && before.get().version() == version && before.get().provider() == provider
                        && java.util.Objects.equals(before.get().clientId(), clientId) && !newSecret;
                if (!sameSource) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM api_pull WHERE district_id = ?")) {
                        s.setLong(1, districtId);
                        s.executeUpdate();
                    }
                    // a pull of the old source under way notes nothing it covered, and no whole pull
                    try (PreparedStatement s = c.prepareStatement(
                            "UPDATE roster_api SET lease_token = NULL, lease_until = NULL WHERE district_id = ?")) {
                        s.setLong(1, districtId);
                        s.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO roster_api (district_id, base_url, oneroster_version, auth, client_id, secret_sealed,
                            token_url, scope, pull_every, enabled, provider, contact_types, contact_relationships,
                            page_size, full_pull_every, next_pull_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, make_interval(mins => ?), ?, ?, ?, ?, ?,
                                make_interval(hours => ?), '-infinity')
                        ON CONFLICT (district_id) DO UPDATE SET base_url = excluded.base_url,
                            page_size = excluded.page_size, full_pull_every = excluded.full_pull_every,
                            full_pulled_at = CASE WHEN ? THEN roster_api.full_pulled_at END,
                            provider = excluded.provider, contact_types = excluded.contact_types,
                            contact_relationships = excluded.contact_relationships,
                            oneroster_version = excluded.oneroster_version, auth = excluded.auth,
                            client_id = excluded.client_id,
                            secret_sealed = coalesce(?, roster_api.secret_sealed),
                            token_url = excluded.token_url, scope = excluded.scope, pull_every = excluded.pull_every,
                            enabled = excluded.enabled, next_pull_at = '-infinity', pull_error = NULL,
                            updated_at = now()""")) {
                    int i = 0;
                    s.setLong(++i, districtId);
                    s.setString(++i, base.toString());
                    s.setString(++i, version.label());
                    s.setString(++i, auth.name().toLowerCase(Locale.ROOT));
                    s.setString(++i, clientId);
                    s.setString(++i, sealed == null ? "" : sealed);
                    s.setString(++i, token == null ? null : token.toString());
                    s.setString(++i, settings.scope() == null || settings.scope().isBlank() ? null
                            : settings.scope().trim());
                    s.setInt(++i, minutes);
                    s.setBoolean(++i, settings.enabled() == null || settings.enabled());
                    s.setString(++i, provider.name().toLowerCase(Locale.ROOT));
                    s.setArray(++i, c.createArrayOf("text", values(settings.contactTypes())));
                    s.setArray(++i, c.createArrayOf("text", values(settings.contactRelationships())));
                    s.setObject(++i, pageSize, java.sql.Types.INTEGER);
                    s.setObject(++i, fullPullEvery == null ? null : (int) fullPullEvery.toHours(),
                            java.sql.Types.INTEGER);
                    s.setBoolean(++i, sameSource);
                    s.setString(++i, sealed);
                    s.executeUpdate();
                }
                RosterApi saved = find(c, districtId).orElseThrow();
                c.commit();
                return saved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The interval between whole pulls, checked; null when every pull is whole. */
    private static Duration fullPullEvery(Integer hours, ApiSource.Provider provider, int pullEveryMinutes) {
        if (hours == null) {
            return null;
        }
        Duration every = Duration.ofHours(hours);
        if (every.compareTo(MIN_FULL_EVERY) < 0 || every.compareTo(MAX_FULL_EVERY) > 0) {
            throw new InvalidSettingsException("A whole pull every " + hours + " hours is not allowed.",
                    "Read the whole roster every " + MIN_FULL_EVERY.toHours() + " to " + MAX_FULL_EVERY.toHours()
                            + " hours, or leave it out to read it whole at every pull.");
        }
        if (provider == ApiSource.Provider.CLEVER) {
            throw new InvalidSettingsException("Clever is read whole at every pull.",
                    "Leave out the whole-pull interval: pulls of changes only are for OneRoster REST APIs.");
        }
        if (every.toMinutes() <= pullEveryMinutes) {
            throw new InvalidSettingsException("With a pull every " + pullEveryMinutes + " minutes, a whole pull every "
                    + hours + " hours leaves no pull for changes only.", "Read the whole roster less often than the"
                            + " pulls come, e.g. once a day with a pull every hour.");
        }
        return every;
    }

    public boolean delete(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM roster_api WHERE district_id = ?")) {
            s.setLong(1, districtId);
            return s.executeUpdate() > 0;
        }
    }

    /**
     * Pulls the district's API at the next pass rather than at its time, the whole roster: an admin who
     * asks for a pull wants the directory as the provider has it now.
     */
    public boolean pullNow(long districtId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE roster_api SET next_pull_at = '-infinity', full_pulled_at = NULL WHERE district_id = ?")) {
            s.setLong(1, districtId);
            return s.executeUpdate() > 0;
        }
    }

    /** The API with its secret opened, for a pull. */
    ApiSource source(long districtId) throws SQLException {
        RosterApi api = find(districtId).orElseThrow(() -> new IllegalStateException("district " + districtId
                + " has no roster API"));
        String sealed;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT secret_sealed FROM roster_api WHERE district_id = ?")) {
            s.setLong(1, districtId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                sealed = rs.getString(1);
            }
        }
        return new ApiSource(api.base(), api.version(), api.auth(), api.clientId(),
                secrets.open(sealed, context(districtId)), api.tokenUri(), api.scope(), api.provider(),
                java.util.Set.copyOf(api.contactTypes()), java.util.Set.copyOf(api.contactRelationships()));
    }

    /** A district's API held for one pull, by the token of its lease. */
    record Claim(long districtId, java.util.UUID lease) {
    }

    /**
     * Takes the API due the longest that no pull holds, with a lease of {@code lease} (a node that dies
     * mid-pull lets another take it then); empty when none is due.
     */
    Optional<Claim> claimDue(Instant now, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE roster_api SET lease_token = gen_random_uuid(), lease_until = ?,
                    -- a "pull now" made before this pull is this pull: one made during it is kept by pulled()
                    next_pull_at = CASE WHEN next_pull_at = '-infinity' THEN ? ELSE next_pull_at END
                WHERE district_id = (
                    SELECT district_id FROM roster_api WHERE enabled AND next_pull_at <= ?
                      AND (lease_until IS NULL OR lease_until < ?)
                    ORDER BY next_pull_at FOR UPDATE SKIP LOCKED LIMIT 1)
                RETURNING district_id, lease_token""")) {
            s.setTimestamp(1, Timestamp.from(now.plus(lease)));
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, Timestamp.from(now));
            s.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Claim(rs.getLong(1), (java.util.UUID) rs.getObject(2)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Notes how the pull went (error null: it worked) and lets go of the lease; the API is next due after
     * its interval, unless it was made due now during the pull. Nothing is written by a pull that lost
     * its lease (it outlived it, and another took the API).
     */
    boolean pulled(Claim claim, String error, long requests, Instant at) throws SQLException {
        return pulled(claim, error, requests, at, null, null);
    }

    /**
     * @param lastPull   what a pull that worked read, in words (null: as before)
     * @param fullPulled when the pull that worked began, if it read the whole roster (null: as before)
     */
    boolean pulled(Claim claim, String error, long requests, Instant at, String lastPull, Instant fullPulled)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE roster_api SET pulled_at = ?, pull_error = ?, pull_requests = ?, lease_token = NULL,
                    lease_until = NULL, next_pull_at = CASE WHEN next_pull_at = '-infinity' THEN next_pull_at
                                                         ELSE ?::timestamptz + pull_every END,
                    last_pull = coalesce(?, last_pull), full_pulled_at = coalesce(?, full_pulled_at)
                WHERE district_id = ? AND lease_token = ?""")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, error);
            s.setLong(3, requests);
            s.setTimestamp(4, Timestamp.from(at));
            s.setString(5, lastPull);
            s.setTimestamp(6, fullPulled == null ? null : Timestamp.from(fullPulled));
            s.setLong(7, claim.districtId());
            s.setObject(8, claim.lease());
            return s.executeUpdate() > 0;
        }
    }

    /**
     * Notes what a pull drop covers: the source as of {@code asOf}, whole or (since not null) its changes
     * since; only while the pull holds its lease (null: a pull that holds none), which a change of source
     * takes away: a drop of the old source covers nothing of the new one.
     */
    void covered(long districtId, long intakeId, Instant changesSince, Long baseRun, Instant asOf, Claim lease)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO api_pull (district_id, intake_id, changes_since, base_run, as_of)
                SELECT ?, ?, ?, ?, ? WHERE ?::uuid IS NULL
                    OR EXISTS (SELECT 1 FROM roster_api WHERE district_id = ? AND lease_token = ?::uuid)
                ON CONFLICT DO NOTHING""")) {
            s.setLong(1, districtId);
            s.setLong(2, intakeId);
            s.setTimestamp(3, changesSince == null ? null : Timestamp.from(changesSince));
            s.setObject(4, baseRun, java.sql.Types.BIGINT);
            s.setTimestamp(5, Timestamp.from(asOf));
            s.setObject(6, lease == null ? null : lease.lease());
            s.setLong(7, districtId);
            s.setObject(8, lease == null ? null : lease.lease());
            s.executeUpdate();
        }
    }

    /**
     * The run a drop of changes was read on top of, if the drop is a pull of changes: it is synced only
     * while the directory still holds that run as its latest.
     */
    public java.util.OptionalLong changesReadOnTopOf(long districtId, long intakeId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT base_run FROM api_pull WHERE district_id = ? AND intake_id = ? AND changes_since IS NOT NULL")) {
            s.setLong(1, districtId);
            s.setLong(2, intakeId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? java.util.OptionalLong.of(rs.getLong(1))
                        : java.util.OptionalLong.empty();
            }
        }
    }

    /**
     * As of when the district's API was read for the drop that made {@code runId}, if that drop was a pull
     * of this API (since its source last changed): where the next pull of changes starts.
     */
    Optional<Instant> coveredUpTo(long districtId, long runId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT p.as_of FROM intake i JOIN api_pull p ON p.district_id = i.district_id AND p.intake_id = i.id
                WHERE i.district_id = ? AND i.run_id = ? AND i.channel = 'api'""")) {
            s.setLong(1, districtId);
            s.setLong(2, runId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    /** Trimmed, without blanks or repeats. */
    private static String[] values(java.util.List<String> list) {
        return list == null ? new String[0] : list.stream().filter(v -> v != null && !v.isBlank()).map(String::trim)
                .distinct().toArray(String[]::new);
    }

    private static String context(long districtId) {
        return "roster_api/" + districtId + "/secret";
    }

    /** An https address (http only to this machine: a provider's test server, a stub). */
    private static URI address(String text, String what) {
        URI uri;
        try {
            uri = new URI(text == null ? "" : text.trim());
        } catch (URISyntaxException e) {
            throw new InvalidSettingsException(what + " is not an address.", "Give it as https://host/path.");
        }
        boolean local = uri.getHost() != null && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1"));
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && local)) {
            throw new InvalidSettingsException(what + " must be an https:// address.",
                    "Credentials and children's data travel only encrypted: give the provider's https address.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingsException(what + " has a query or a fragment.", "Give the address without ? or #.");
        }
        return uri;
    }

    private static RosterApi read(ResultSet rs) throws SQLException {
        Timestamp pulled = rs.getTimestamp(10);
        Timestamp next = rs.getTimestamp(13);
        String token = rs.getString(6);
        return new RosterApi(rs.getLong(1), URI.create(rs.getString(2)),
                rs.getString(3).equals("1.2") ? OneRosterVersion.V1_2 : OneRosterVersion.V1_1,
                ApiSource.Auth.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5),
                token == null ? null : URI.create(token), rs.getString(7), Duration.ofSeconds(rs.getLong(8)),
                rs.getBoolean(9), pulled == null ? null : pulled.toInstant(), rs.getString(11),
                (Long) rs.getObject(12), next == null ? null : next.toInstant(),
                ApiSource.Provider.valueOf(rs.getString(14).toUpperCase(Locale.ROOT)),
                java.util.List.of((String[]) rs.getArray(15).getArray()),
                java.util.List.of((String[]) rs.getArray(16).getArray()), (Integer) rs.getObject(17),
                rs.getObject(18) == null ? null : Duration.ofSeconds(rs.getLong(18)),
                rs.getTimestamp(19) == null ? null : rs.getTimestamp(19).toInstant(), rs.getString(20));
    }
}
