package io.rostersync.intake.internal;

import io.rostersync.accounts.LoginThrottle;
import io.rostersync.accounts.Passwords;
import io.rostersync.intake.SftpAccounts;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Who may log in to the hosted SFTP server: a district's account, by its password or one of its
 * public keys; never while the account or the address is locked out after repeated failures. The
 * district of a session is kept on it, for the folder it is chrooted to.
 */
public final class Logins implements PasswordAuthenticator, PublickeyAuthenticator {

    /** The district whose account a session logged in to. */
    public static final AttributeKey<Long> DISTRICT = new AttributeKey<>();

    private final SftpAccounts accounts;
    private final SftpEvents events;
    private final LoginThrottle throttle;

    public Logins(SftpAccounts accounts, SftpEvents events, LoginThrottle throttle) {
        this.accounts = accounts;
        this.events = events;
        this.throttle = throttle;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        return login(username, session, "password", account -> Passwords.matches(password, account.passwordHash()));
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        return login(username, session, "key " + KeyUtils.getFingerPrint(key), account -> {
            try {
                return accounts.publicKeys(account.districtId()).stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface Check {
        boolean passes(SftpAccounts.Account account);
    }

    private boolean login(String username, ServerSession session, String how, Check check) {
        String address = address(session.getClientAddress());
        Optional<SftpAccounts.Account> account;
        try {
            account = accounts.find(username);
        } catch (SQLException e) {
            events.record(null, username, address, "refused", "accounts could not be read: " + e.getMessage());
            return false;
        }
        Long district = account.map(SftpAccounts.Account::districtId).orElse(null);
        Optional<Instant> locked = throttle.lockedUntil(username, address);
        if (locked.isPresent()) {
            events.record(district, username, address, "refused", how + "; locked out until " + locked.get());
            return false;
        }
        boolean ok;
        try {
            ok = account.isPresent() && check.passes(account.get());
        } catch (RuntimeException e) {
            events.record(district, username, address, "refused", how + "; could not be checked: " + e.getMessage());
            return false;
        }
        if (ok) {
            throttle.succeeded(username, address);
            session.setAttribute(DISTRICT, district);
            events.record(district, username, address, "login", how);
            return true;
        }
        events.record(district, username, address, "refused", how + (account.isEmpty() ? "; no such account" : ""));
        throttle.failed(username, address).ifPresent(lock -> events.record(district, username, address, "locked",
                "until " + lock.until() + " (" + lock.what() + ")"));
        return false;
    }

    static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
