package io.theriseunion.imagegateway.app.access;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import java.util.List;

/** A request authenticated as a {@link Caller}. */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final transient Caller caller;

    public CallerAuthentication(Caller caller) {
        super(List.of());
        this.caller = caller;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.name();
    }
}
