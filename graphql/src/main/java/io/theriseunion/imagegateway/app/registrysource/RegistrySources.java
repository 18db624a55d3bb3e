package io.theriseunion.imagegateway.app.registrysource;

import io.theriseunion.imagegateway.app.command.CatalogueLaggingException;
import io.theriseunion.imagegateway.app.command.CommandFailures;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.app.credentials.RegistryCredentialStore;
import io.theriseunion.imagegateway.domain.api.AddRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;
import io.theriseunion.imagegateway.domain.api.RegistrySourceNotFoundException;
import io.theriseunion.imagegateway.domain.api.RemoveRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.UpdateRegistrySourceCommand;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

/**
 * The write path of registry sources. A password is encrypted into {@code registry_credential} in the same
 * transaction as the command that records that it changed: both are stored, or neither.
 */
@Service
public class RegistrySources {

    private final CommandGateway commands;
    private final RegistryCatalogueQueries registries;
    private final RegistryCredentialStore credentials;
    private final TransactionTemplate transactions;
    private final ReadModelProgress progress;
    private final GatewayProperties properties;
    private final RegistryHealthMonitor health;

    public RegistrySources(CommandGateway commands, RegistryCatalogueQueries registries,
                           RegistryCredentialStore credentials, TransactionTemplate transactions,
                           ReadModelProgress progress, GatewayProperties properties, RegistryHealthMonitor health) {
        this.health = health;
        this.commands = commands;
        this.registries = registries;
        this.credentials = credentials;
        this.transactions = transactions;
        this.progress = progress;
        this.properties = properties;
    }

    /** command.hasPassword() says whether password is one to store; without one, none is kept. */
    public RegistryView add(AddRegistrySourceCommand command, String password) {
        long version = inTransaction(() -> {
            if (command.hasPassword()) {
                credentials.save(command.namespace(), command.name(), password);
            } else {
                credentials.remove(command.namespace(), command.name());
            }
            return (Long) send(command, command.namespace(), command.name());
        });
        RegistryView shown = shown(command.namespace(), command.name(), version);
        health.checkSoon(command.namespace(), command.name());
        return shown;
    }

    /**
     * command.passwordChanged() says whether the password changes, command.hasPassword() whether password is then
     * one to store (otherwise the stored one is removed).
     */
    public RegistryView update(UpdateRegistrySourceCommand command, String namespace, String name, String password) {
        long version = inTransaction(() -> {
            if (command.passwordChanged() && command.hasPassword()) {
                credentials.save(namespace, name, password);
            } else if (command.passwordChanged()) {
                credentials.remove(namespace, name);
            }
            return (Long) send(command, namespace, name);
        });
        RegistryView shown = shown(namespace, name, version);
        health.checkSoon(namespace, name);
        return shown;
    }

    public void delete(String namespace, String name) {
        RegistrySourceId id = RegistrySourceId.of(namespace, name);
        inTransaction(() -> {
            send(new RemoveRegistrySourceCommand(id), namespace, name);
            credentials.remove(namespace, name);
            return 0L;
        });
        if (!progress.awaitGone(ReadModelProgress.ReadModel.REGISTRIES, List.of(id.value()), properties.readYourWrites())) {
            throw new CatalogueLaggingException();
        }
    }

    private RegistryView shown(String namespace, String name, long version) {
        String id = RegistrySourceId.of(namespace, name).value();
        if (!progress.awaitVersions(ReadModelProgress.ReadModel.REGISTRIES, Map.of(id, version),
                                    properties.readYourWrites())) {
            throw new CatalogueLaggingException();
        }
        return registries.find(namespace, name).orElseThrow(CatalogueLaggingException::new);
    }

    private long inTransaction(java.util.function.Supplier<Long> work) {
        Long result = transactions.execute(status -> work.get());
        return result == null ? 0 : result;
    }

    /** Sends a command about the source namespace/name and waits for it; a failure comes back as its refusal. */
    private Object send(Object command, String namespace, String name) {
        try {
            return commands.sendAndWait(command);
        } catch (RuntimeException e) {
            throw CommandFailures.explain(e, () -> new RegistrySourceNotFoundException(namespace, name),
                                          command instanceof AddRegistrySourceCommand
                                                  ? () -> new RegistrySourceAlreadyExistsException(namespace, name)
                                                  : null);
        }
    }
}
