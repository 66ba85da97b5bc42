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

    CallerAuthentication(Caller caller) {
        this(caller, null);
    }

    CallerAuthentication(Caller caller, String accountStamp) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        this.caller = caller;
        this.accountStamp = accountStamp;
        setAuthenticated(true);
    }

    String accountStamp() {
        return accountStamp;
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
