package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a registry source (镜像源). The password itself never travels in a command or event: the edge
 * stores it encrypted in the same transaction, and hasPassword says whether one was given. shared (default
 * false) lets repositories of other namespaces use the source.
 */
public record AddRegistrySourceCommand(@TargetAggregateIdentifier RegistrySourceId id,
                                       String namespace,
                                       String name,
                                       String url,
                                       Boolean insecure,
                                       String description,
                                       String username,
                                       boolean hasPassword,
                                       String caCertificate,
                                       Integer concurrencyLimit,
                                       Boolean shared) {
}
