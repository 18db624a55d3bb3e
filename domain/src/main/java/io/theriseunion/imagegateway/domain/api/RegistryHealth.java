package io.theriseunion.imagegateway.domain.api;

/** What the last check of a registry's {@code GET /v2/} said. */
public enum RegistryHealth {
    UNKNOWN,
    HEALTHY,
    UNAUTHORIZED,
    UNREACHABLE
}
