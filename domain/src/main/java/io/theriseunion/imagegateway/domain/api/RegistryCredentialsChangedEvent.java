package io.theriseunion.imagegateway.domain.api;

/**
 * The credentials of a registry source changed. Says only that they changed and whether a password is now
 * set: the secret lives encrypted outside the event store.
 */
public record RegistryCredentialsChangedEvent(RegistrySourceId id, String namespace, String name,
                                              String username, boolean hasPassword) {
}
