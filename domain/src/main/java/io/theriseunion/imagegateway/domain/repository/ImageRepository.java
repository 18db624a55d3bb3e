package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.DeleteRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.EditRepositoryMetadataCommand;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryNotFoundException;
import io.theriseunion.imagegateway.domain.api.StaleVersionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An image the platform keeps in sync (镜像仓库). Its version counts its events: 1 after the add, one more
 * for every change.
 */
@Aggregate
public class ImageRepository {

    @AggregateIdentifier
    private RepositoryId id;
    private String namespace;
    private String name;
    private String displayName;
    private String description;
    private long version;
    private boolean deleted;

    protected ImageRepository() {
    }

    @CommandHandler
    public ImageRepository(AddRepositoryCommand command, RepositoryNames names) {
        AddRepositoryCommand c = RepositoryRules.checkAdd(command);
        if (names.find(c.namespace(), c.name()).isPresent()) {
            throw new RepositoryAlreadyExistsException(c.namespace(), c.name());
        }
        apply(new RepositoryAddedEvent(c.repositoryId(), c.namespace(), c.name(), c.displayName(),
                                       c.description(), c.registry(), c.repository(), c.tag(),
                                       c.syncInterval(), c.syncTimeout(), c.retryCount()));
    }

    /** Returns the version after the edit. */
    @CommandHandler
    public long handle(EditRepositoryMetadataCommand command) {
        requireLive();
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new StaleVersionException(namespace, name, command.expectedVersion(), version);
        }
        RepositoryRules.checkMetadata(command.displayName(), command.description());
        String newDisplayName = command.displayName() == null
                ? displayName : RepositoryRules.emptyToNull(command.displayName());
        String newDescription = command.description() == null
                ? description : RepositoryRules.emptyToNull(command.description());
        if (!Objects.equals(newDisplayName, displayName) || !Objects.equals(newDescription, description)) {
            apply(new RepositoryMetadataEditedEvent(id, namespace, name, newDisplayName, newDescription,
                                                    displayName, description));
        }
        return version;
    }

    @CommandHandler
    public void handle(DeleteRepositoryCommand command) {
        requireLive();
        apply(new RepositoryDeletedEvent(id, namespace, name));
    }

    private void requireLive() {
        if (deleted) {
            throw new RepositoryNotFoundException(namespace, name);
        }
    }

    @EventSourcingHandler
    void on(RepositoryAddedEvent event, @SequenceNumber long sequence) {
        id = event.repositoryId();
        namespace = event.namespace();
        name = event.name();
        displayName = event.displayName();
        description = event.description();
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(RepositoryMetadataEditedEvent event, @SequenceNumber long sequence) {
        displayName = event.displayName();
        description = event.description();
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(RepositoryDeletedEvent event, @SequenceNumber long sequence) {
        deleted = true;
        version = sequence + 1;
    }

    RepositoryId id() {
        return id;
    }
}
