package io.theriseunion.imagegateway.domain.api;

/** The alias and description changed; carries the values before and after the edit. */
public record RepositoryMetadataEditedEvent(RepositoryId repositoryId,
                                            String namespace,
                                            String name,
                                            String displayName,
                                            String description,
                                            String previousDisplayName,
                                            String previousDescription) implements RepositoryEvent {
}
