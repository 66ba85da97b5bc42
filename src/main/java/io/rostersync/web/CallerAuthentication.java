package io.rostersync.web;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A signed-in request: its {@link Caller}, with the role as its one authority. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient Caller caller;
    /** For an admin's session: the account's stamp when they signed in ({@code AdminAccounts.sessionStamp}). */
    private final String accountStamp;
    /** For an admin signed in through the district's provider: the link it came by, which must still be there. */
    private final SignedInThrough through;

    /**
     * The provider an admin's session was signed in through, as its settings were then, and the value of its
     * identity claim: the session holds while the provider is on and unchanged and the link is there.
     */
    record SignedInThrough(io.rostersync.accounts.SingleSignOn.Kind provider, java.time.Instant providerUpdatedAt,
            String identity) implements java.io.Serializable {
    }

    CallerAuthentication(Caller caller) {
        this(caller, null, null);
    }

    CallerAuthentication(Caller caller, String accountStamp) {
        this(caller, accountStamp, null);
    }

    CallerAuthentication(Caller caller, String accountStamp, SignedInThrough through) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        this.caller = caller;
        this.accountStamp = accountStamp;
        this.through = through;
        setAuthenticated(true);
    }

    String accountStamp() {
        return accountStamp;
    }

    SignedInThrough through() {
        return through;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.name();
    }
}
