package io.theriseunion.imagegateway.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes the alias and description. A null field stays as it is; an empty string clears it. When
 * expectedVersion is given, the edit applies only if the repository is still at that version.
 */
public record EditRepositoryMetadataCommand(@TargetAggregateIdentifier RepositoryId repositoryId,
                                            String displayName,
                                            String description,
                                            Long expectedVersion) {
}
