package io.theriseunion.imagegateway.domain.api;

/**
 * An event of one image repository. Every one names its repository by id and by (namespace, name), so that a
 * reader (the audit log, live updates) needs no case per event to tell which repository it concerns.
 */
public interface RepositoryEvent {

    RepositoryId repositoryId();

    String namespace();

    String name();
}
