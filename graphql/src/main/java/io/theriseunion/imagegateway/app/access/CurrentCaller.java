package io.theriseunion.imagegateway.app.access;

import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of a REST request, as the bearer filter authenticated it; null when none did. */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    public static Caller get() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication c
                ? c.caller() : null;
    }
}
