package io.theriseunion.imagegateway.registry;

/** How a registry asked to be authenticated, remembered so later requests can authenticate up front. */
sealed interface AuthScheme {

    /** {@code WWW-Authenticate: Basic realm=...}. */
    record Basic() implements AuthScheme {
    }

    /** {@code WWW-Authenticate: Bearer realm=...,service=...}: tokens come from {@code realm}. */
    record Bearer(String realm, String service) implements AuthScheme {
    }
}
