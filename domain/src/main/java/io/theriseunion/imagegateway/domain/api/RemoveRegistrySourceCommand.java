package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a registry source; refused while repositories still use it. */
public record RemoveRegistrySourceCommand(@TargetAggregateIdentifier RegistrySourceId id) {
}
