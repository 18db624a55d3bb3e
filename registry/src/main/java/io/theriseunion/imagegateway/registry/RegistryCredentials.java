package io.theriseunion.imagegateway.registry;

import java.util.Objects;

/**
 * A user name and its password or access token for one registry. {@link #toString()} never shows the secret.
 */
public record RegistryCredentials(String username, String secret) {

    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        if (username.isBlank()) {
            throw new IllegalArgumentException("a registry user name must not be blank");
        }
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", secret=****]";
    }
}
