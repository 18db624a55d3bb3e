package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The result of a health check; only a change of health becomes an event. */
public record RecordRegistryHealthCommand(@TargetAggregateIdentifier RegistrySourceId id, RegistryHealth health,
                                          String detail) {
}
