package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes a registry source. A null field stays as it is; an empty description, username or caCertificate
 * clears it. passwordChanged says that the edge stored a new password (or removed it: hasPassword false).
 */
public record UpdateRegistrySourceCommand(@TargetAggregateIdentifier RegistrySourceId id,
                                          String url,
                                          Boolean insecure,
                                          String description,
                                          String username,
                                          boolean passwordChanged,
                                          boolean hasPassword,
                                          String caCertificate,
                                          Integer concurrencyLimit,
                                          Boolean shared) {
}
