package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.RepositoryId;

import java.util.Optional;

/** The command side's lookup of live repositories by (namespace, name). */
public interface RepositoryNames {

    Optional<RepositoryId> find(String namespace, String name);
}
