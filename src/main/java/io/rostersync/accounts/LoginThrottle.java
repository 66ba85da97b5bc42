package io.rostersync.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks out a key (an account, or an address) after repeated failed logins: the first few are
 * free, then each failure locks it for twice as long as the one before, up to an hour. A success
 * clears the key. Kept per application node: an address that spreads its guesses over several
 * nodes gets a few more of them, not unlimited ones.
 */
public final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCK = Duration.ofHours(1);
    /** Beyond this many keys, those whose lock has run out are forgotten (a scan of many addresses). */
    private static final int PRUNE_ABOVE = 10_000;

    private final Clock clock;
    private final Map<String, State> byKey = new ConcurrentHashMap<>();

    private record State(int failures, Instant lockedUntil) {
    }

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Until when the key may not try; empty when it may now. */
    public Optional<Instant> lockedUntil(String key) {
        State s = byKey.get(key);
        return s == null || s.lockedUntil() == null || !clock.instant().isBefore(s.lockedUntil())
                ? Optional.empty() : Optional.of(s.lockedUntil());
    }

    /** Notes a failed login; returns until when it locks the key, if it does. */
    public Optional<Instant> failed(String key) {
        if (byKey.size() > PRUNE_ABOVE) {
            Instant now = clock.instant();
            byKey.values().removeIf(s -> s.lockedUntil() != null && now.isAfter(s.lockedUntil().plus(LONGEST_LOCK)));
        }
        State s = byKey.merge(key, new State(1, null), (old, one) -> {
            int failures = old.failures() + 1;
            if (failures <= FREE_FAILURES) {
                return new State(failures, null);
            }
            int doublings = Math.min(failures - FREE_FAILURES - 1, 16);
            Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
            return new State(failures, clock.instant().plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock));
        });
        return Optional.ofNullable(s.lockedUntil());
    }

    public void succeeded(String key) {
        byKey.remove(key);
    }

    /** A lock a failed login started: until when, and on what ("the account" or "the address"). */
    public record Lockout(Instant until, String what) {
    }

    /** Until when a login to the account from the address may not try: either being locked is enough. */
    public Optional<Instant> lockedUntil(String account, String address) {
        return lockedUntil("account:" + account).or(() -> lockedUntil("address:" + address));
    }

    /** Notes a failed login against both the account and the address; returns the lock it started, if any. */
    public Optional<Lockout> failed(String account, String address) {
        Optional<Instant> byAccount = failed("account:" + account);
        Optional<Instant> byAddress = failed("address:" + address);
        return byAccount.map(until -> new Lockout(until, "the account"))
                .or(() -> byAddress.map(until -> new Lockout(until, "the address")));
    }

    public void succeeded(String account, String address) {
        succeeded("account:" + account);
        succeeded("address:" + address);
    }
}
