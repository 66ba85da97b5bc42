package io.rostersync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rostersync.TestSecrets;
import io.rostersync.directory.Districts;
import io.rostersync.storage.Database;
import io.rostersync.storage.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A district's roster API as saved: its secret sealed and only ever sent where it was given; its settings checked. */
@Tag("database")
class RosterApisTest {

    private static Database db;

    @BeforeAll
    static void start() {
        db = TestDatabases.fresh("roster_apis");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static RosterApis.Settings settings(String url, String auth, String clientId, String secret, String token) {
        return new RosterApis.Settings(url, "1.2", auth, clientId, secret, token,
                "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly", 30, true);
    }

    @Test
    void theSecretIsSealedAndOnlyEverSentWhereItWasGiven() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("apis-sealed").id();
        RosterApis apis = new RosterApis(db.dataSource(), TestSecrets.BOX);
        String url = "https://sis.example.org/ims/oneroster/rostering/v1p2";
        String token = "https://sis.example.org/oauth/token";
        assertThatThrownBy(() -> apis.save(district, settings(url, "oauth2_client_credentials", "c1", null, token)))
                .isInstanceOf(RosterApis.InvalidSettingsException.class).hasMessageContaining("secret is missing");
        RosterApis.RosterApi saved = apis.save(district, settings(url, "oauth2_client_credentials", "c1",
                "the-client-secret", token));
        assertThat(saved.pullEvery()).hasMinutes(30);
        String stored = JdbcClient.create(db.dataSource()).sql("SELECT secret_sealed FROM roster_api WHERE district_id = ?")
                .param(district).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain("the-client-secret");
        assertThat(apis.source(district).secret()).isEqualTo("the-client-secret");
        assertThat(apis.source(district).toString()).doesNotContain("the-client-secret");

        // the same address and client: the secret is kept; another address wants it again
        apis.save(district, settings(url, "oauth2_client_credentials", "c1", null, token));
        assertThat(apis.source(district).secret()).isEqualTo("the-client-secret");
        assertThatThrownBy(() -> apis.save(district, settings("https://evil.example/ims/oneroster/rostering/v1p2",
                "oauth2_client_credentials", "c1", null, token))).isInstanceOf(RosterApis.InvalidSettingsException.class)
                .hasMessageContaining("secret given again");
        assertThat(apis.source(district).base().getHost()).isEqualTo("sis.example.org");
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithWhatToDo() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("apis-refused").id();
        RosterApis apis = new RosterApis(db.dataSource(), TestSecrets.BOX);
        assertThatThrownBy(() -> apis.save(district, settings("http://sis.example.org/ims/oneroster/v1p1", "bearer",
                null, "t", null))).isInstanceOfSatisfying(RosterApis.InvalidSettingsException.class,
                        e -> assertThat(e.hint()).contains("encrypted"));
        assertThatThrownBy(() -> apis.save(district, settings("https://sis.example.org/ims/oneroster/v1p1",
                "oauth2_client_credentials", "c", "s", null))).isInstanceOf(RosterApis.InvalidSettingsException.class)
                .hasMessageContaining("token address");
        assertThatThrownBy(() -> apis.save(district, settings("https://sis.example.org/x", "oauth1_hmac_sha256", null,
                "s", null))).isInstanceOf(RosterApis.InvalidSettingsException.class).hasMessageContaining("client id");
        assertThatThrownBy(() -> apis.save(district, settings("https://sis.example.org/x", "basic", "c", "s", null)))
                .isInstanceOf(RosterApis.InvalidSettingsException.class).hasMessageContaining("not a way to sign in");
        for (int pageSize : new int[] {99, 10_001}) {
            assertThatThrownBy(() -> apis.save(district, new RosterApis.Settings("https://sis.example.org/x", "1.1",
                    "bearer", null, "t", null, null, 60, true, "oneroster", null, null, pageSize)))
                    .isInstanceOfSatisfying(RosterApis.InvalidSettingsException.class,
                            e -> assertThat(e.hint()).contains("100 to 10000"));
        }
        assertThat(apis.find(district)).isEmpty();
        assertThat(apis.save(district, new RosterApis.Settings("https://sis.example.org/x", "1.1", "bearer", null, "t",
                null, null, 60, true, "oneroster", null, null, 10_000)).pageSize()).isEqualTo(10_000);
        assertThat(apis.save(district, new RosterApis.Settings("https://sis.example.org/x", "1.1", "bearer", null, null,
                null, null, 60, true)).pageSize()).as("left out: the default again").isNull();
        apis.delete(district); // not pulled by the lease test's claims
    }

    /**
     * Whole pulls every so often, pulls of changes in between: an interval of 1 to 168 hours, longer than
     * the pull interval, and not for Clever (read whole at every pull). A new address forgets what the
     * earlier pulls covered, so the next pull reads the whole roster.
     */
    @Test
    void wholePullsEverySoOftenAreSetWithinBoundsAndANewSourceIsReadWholeFirst() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("api-changes").id();
        RosterApis apis = new RosterApis(db.dataSource(), TestSecrets.BOX);
        java.util.function.BiFunction<Integer, Integer, RosterApis.Settings> every = (minutes, hours) ->
                new RosterApis.Settings("https://sis.example.org/x", "1.1", "bearer", null, "t", null, null, minutes,
                        true, "oneroster", null, null, null, hours);
        assertThatThrownBy(() -> apis.save(district, every.apply(60, 0)))
                .isInstanceOfSatisfying(RosterApis.InvalidSettingsException.class,
                        e -> assertThat(e.hint()).contains("every 1 to 168 hours"));
        assertThatThrownBy(() -> apis.save(district, every.apply(60, 169)))
                .isInstanceOf(RosterApis.InvalidSettingsException.class);
        assertThatThrownBy(() -> apis.save(district, every.apply(120, 2)))
                .isInstanceOf(RosterApis.InvalidSettingsException.class).hasMessageContaining("no pull for changes");
        assertThatThrownBy(() -> apis.save(district, new RosterApis.Settings(null, null, null, null, "t", null, null,
                60, true, "clever", null, null, null, 24))).isInstanceOf(RosterApis.InvalidSettingsException.class)
                .hasMessageContaining("Clever is read whole");
        assertThat(apis.find(district)).isEmpty();

        assertThat(apis.save(district, every.apply(60, 24)).fullPullEvery()).isEqualTo(java.time.Duration.ofHours(24));
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE roster_api SET full_pulled_at = now() WHERE district_id = " + district);
        }
        assertThat(apis.save(district, new RosterApis.Settings("https://sis.example.org/x", "1.1", "bearer", null, null,
                null, null, 30, true, "oneroster", null, null, null, 24)).fullPulledAt())
                .as("the same source, another interval: as it was").isNotNull();
        assertThat(apis.save(district, every.apply(30, 24)).fullPulledAt()).as("a new secret (another tenant?): whole")
                .isNull();
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE roster_api SET full_pulled_at = now() WHERE district_id = " + district);
        }
        assertThat(apis.save(district, new RosterApis.Settings("https://other.example.org/x", "1.1", "bearer", null,
                "t", null, null, 30, true, "oneroster", null, null, null, 24)).fullPulledAt())
                .as("another source: read whole next").isNull();
        assertThat(apis.save(district, every.apply(60, null)).fullPullEvery()).as("every pull whole").isNull();
        apis.delete(district);
    }

    /**
     * One pull at a time per district, by a lease: a second node finds nothing to take; a "pull now"
     * during the pull keeps the API due when the pull ends; a pull that outlived its lease writes nothing
     * over the one that took the API after it.
     */
    @Test
    void aPullHoldsItsDistrictByALeaseAndAPullNowDuringItIsKept() throws Exception {
        long district = new Districts(db.dataSource()).findOrCreate("apis-lease").id();
        RosterApis apis = new RosterApis(db.dataSource(), TestSecrets.BOX);
        apis.save(district, settings("https://sis.example.org/ims/oneroster/rostering/v1p2", "bearer", null, "t", null));
        java.time.Instant now = java.time.Instant.parse("2026-12-04T12:00:00Z");
        java.time.Duration hour = java.time.Duration.ofHours(1);
        RosterApis.Claim first = apis.claimDue(now, hour).orElseThrow();
        assertThat(first.districtId()).isEqualTo(district);
        assertThat(apis.claimDue(now.plusSeconds(1), hour)).as("another node, meanwhile").isEmpty();

        apis.pullNow(district); // an admin, during the pull
        assertThat(apis.claimDue(now.plusSeconds(2), hour)).as("still held").isEmpty();
        assertThat(apis.pulled(first, null, 12, now.plusSeconds(60))).isTrue();
        RosterApis.Claim again = apis.claimDue(now.plusSeconds(61), hour).orElseThrow();
        assertThat(again.lease()).as("due again at once: the pull now was kept").isNotEqualTo(first.lease());

        // this one outlives its lease; another node takes the API, and the late one writes nothing
        RosterApis.Claim later = apis.claimDue(now.plusSeconds(61).plus(hour).plusSeconds(1), hour).orElseThrow();
        assertThat(apis.pulled(again, "late", 1, now.plus(hour).plus(hour))).isFalse();
        assertThat(apis.pulled(later, null, 3, now.plus(hour).plusSeconds(120))).isTrue();
        RosterApis.RosterApi api = apis.find(district).orElseThrow();
        assertThat(api.pullError()).isNull();
        assertThat(api.pullRequests()).isEqualTo(3);
        assertThat(api.nextPullAt()).isEqualTo(now.plus(hour).plusSeconds(120).plus(java.time.Duration.ofMinutes(30)));
    }
}
