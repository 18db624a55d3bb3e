package io.theriseunion.imagegateway.registry;

/** What {@code GET /v2/} says about a registry. */
public enum RegistryHealth {
    /** It answered 2xx, after authenticating where it asked to. */
    HEALTHY,
    /** It answered 401 or 403 even with the configured credentials, or its token service refused them. */
    UNAUTHORIZED,
    /** No connection, a timeout, a TLS failure, a 5xx or any other answer that is not a working registry. */
    UNREACHABLE
}
