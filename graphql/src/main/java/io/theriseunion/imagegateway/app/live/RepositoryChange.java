package io.theriseunion.imagegateway.app.live;

import java.time.Instant;

/**
 * Something happened to a repository (GraphQL {@code RepositoryEvent}). {@code sequence} is the event's place in
 * the repository's own stream: the repository is shown once the catalogue has applied it.
 */
public record RepositoryChange(Type type, String repositoryId, String namespace, String name, long sequence,
                               Instant at) {

    public enum Type {
        ADDED, EDITED, DELETED, SYNCED
    }
}
