package io.theriseunion.imagegateway.rest;

import io.theriseunion.imagegateway.access.Caller;
import io.theriseunion.imagegateway.access.CallerAuthentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of a REST request, as the bearer filter authenticated it; null when none did. */
final class CurrentCaller {

    private CurrentCaller() {
    }

    static Caller get() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication c
                ? c.caller() : null;
    }
}
