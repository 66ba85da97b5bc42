package io.rostersync.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Lockout after repeated failures: a few free, then each lock twice as long as the last, up to an hour. */
class LoginThrottleTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T02:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void theFirstFailuresAreFreeThenEachLocksTwiceAsLong() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.failed("account:elm")).isEmpty();
        }
        assertThat(throttle.lockedUntil("account:elm")).isEmpty();
        assertThat(throttle.failed("account:elm")).contains(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(throttle.lockedUntil("account:elm")).contains(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(throttle.lockedUntil("account:oak")).as("another key").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.lockedUntil("account:elm")).as("the lock has run out").isEmpty();
        assertThat(throttle.failed("account:elm")).contains(clock.instant().plus(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.failed("account:elm")).contains(clock.instant().plus(Duration.ofMinutes(4)));
        for (int i = 0; i < 20; i++) {
            throttle.failed("account:elm");
        }
        assertThat(throttle.lockedUntil("account:elm")).as("never longer than an hour")
                .contains(clock.instant().plus(LoginThrottle.LONGEST_LOCK));
    }

    @Test
    void aSuccessClearsTheFailures() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("address:192.0.2.7");
        }
        throttle.succeeded("address:192.0.2.7");
        assertThat(throttle.failed("address:192.0.2.7")).as("counted from one again").isEmpty();
    }

    @Test
    void aLoginIsLockedByItsAccountOrByItsAddress() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.failed("elm", "192.0.2.7")).isEmpty();
        }
        assertThat(throttle.failed("elm", "192.0.2.7")).hasValueSatisfying(lock -> assertThat(lock.what())
                .isEqualTo("the account"));
        assertThat(throttle.lockedUntil("elm", "198.51.100.1")).as("the account, from anywhere").isPresent();
        assertThat(throttle.lockedUntil("oak", "192.0.2.7")).as("any account, from the address").isPresent();
        assertThat(throttle.lockedUntil("oak", "198.51.100.1")).isEmpty();

        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("ash" + i, "203.0.113.9");
        }
        assertThat(throttle.failed("pine", "203.0.113.9")).as("guesses spread over accounts lock the address")
                .hasValueSatisfying(lock -> assertThat(lock.what()).isEqualTo("the address"));
        throttle.succeeded("pine", "203.0.113.9");
        assertThat(throttle.lockedUntil("pine", "203.0.113.9")).as("a success clears both").isEmpty();
    }
}
