package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.command.CatalogueLaggingException;
import io.theriseunion.imagegateway.app.command.CommandFailures;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.domain.api.EditRepositorySyncPolicyCommand;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryNotFoundException;
import io.theriseunion.imagegateway.domain.repository.RepositoryNames;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.util.Map;

/**
 * Edits of a repository's sync settings (interval, timeout, retries): the command, then the repository as the
 * catalogue shows it after the edit (read-your-writes), with its next sync planned again.
 */
@Service
public class SyncPolicies {

    private final CommandGateway commands;
    private final RepositoryNames names;
    private final RepositoryCatalogueQueries repositories;
    private final ReadModelProgress progress;
    private final GatewayProperties properties;

    public SyncPolicies(CommandGateway commands, RepositoryNames names, RepositoryCatalogueQueries repositories,
                        ReadModelProgress progress, GatewayProperties properties) {
        this.commands = commands;
        this.names = names;
        this.repositories = repositories;
        this.progress = progress;
        this.properties = properties;
    }

    /** Null values stay as they are; with expectedVersion, CONFLICT unless the repository is still at it. */
    public RepositoryView edit(String namespace, String name, String syncInterval, String syncTimeout,
                               Integer retryCount, Long expectedVersion) {
        RepositoryId id = names.find(namespace, name)
                               .orElseThrow(() -> new RepositoryNotFoundException(namespace, name));
        Long version;
        try {
            version = commands.sendAndWait(new EditRepositorySyncPolicyCommand(id, syncInterval, syncTimeout,
                                                                               retryCount, expectedVersion));
        } catch (RuntimeException e) {
            throw CommandFailures.explain(e, () -> new RepositoryNotFoundException(namespace, name), null);
        }
        if (!progress.awaitVersions(ReadModelProgress.ReadModel.REPOSITORIES, Map.of(id.value(), version),
                                    properties.readYourWrites())) {
            throw new CatalogueLaggingException();
        }
        return repositories.find(namespace, name).orElseThrow(CatalogueLaggingException::new);
    }
}
