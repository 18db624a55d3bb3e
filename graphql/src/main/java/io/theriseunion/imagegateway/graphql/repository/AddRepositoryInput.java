package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryId;

public record AddRepositoryInput(String namespace, String name, String displayName, String description,
                                 RegistryRefInput registry, String repository, String tag, String syncInterval,
                                 String syncTimeout, Integer retryCount) {

    AddRepositoryCommand toCommand() {
        RegistryRef ref = registry == null ? null
                : new RegistryRef(registry.namespace() == null ? namespace : registry.namespace(), registry.name());
        return new AddRepositoryCommand(RepositoryId.next(), namespace, name, displayName, description, ref,
                                        repository, tag, syncInterval, syncTimeout, retryCount);
    }
}
