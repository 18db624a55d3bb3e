package io.theriseunion.imagegateway.domain.registry;

import io.theriseunion.imagegateway.domain.api.AddRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.RecordRegistryHealthCommand;
import io.theriseunion.imagegateway.domain.api.RegistryCredentialsChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistryHealth;
import io.theriseunion.imagegateway.domain.api.RegistryHealthChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAddedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;
import io.theriseunion.imagegateway.domain.api.RegistrySourceInUseException;
import io.theriseunion.imagegateway.domain.api.RegistrySourceNotFoundException;
import io.theriseunion.imagegateway.domain.api.RegistrySourceRemovedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceSettings;
import io.theriseunion.imagegateway.domain.api.RegistrySourceUpdatedEvent;
import io.theriseunion.imagegateway.domain.api.RemoveRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.UpdateRegistrySourceCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A registry source (镜像源) such as {@code harbor-prod}: where images are synced from, and how to
 * authenticate there. Its id is its namespace and name ({@link RegistrySourceId}), so that an add of a name in use
 * meets the live source itself and a removed source may be added again under the same id (its version counts on);
 * namespace and name are also kept as fields, for the answers that name the source.
 */
@Aggregate
public class RegistrySource {

    @AggregateIdentifier
    private RegistrySourceId id;
    private String namespace;
    private String name;
    private RegistrySourceSettings settings;
    private boolean hasPassword;
    private boolean live;
    private RegistryHealth health = RegistryHealth.UNKNOWN;
    private long version;

    protected RegistrySource() {
    }

    /** Returns the version after the add. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(AddRegistrySourceCommand c) {
        if (live) {
            throw new RegistrySourceAlreadyExistsException(c.namespace(), c.name());
        }
        RegistrySourceSettings s = RegistrySourceRules.checkAdd(c);
        apply(new RegistrySourceAddedEvent(c.id(), c.namespace(), c.name(), s));
        if (s.username() != null || c.hasPassword()) {
            apply(new RegistryCredentialsChangedEvent(c.id(), c.namespace(), c.name(), s.username(), c.hasPassword()));
        }
        return version;
    }

    /** Returns the version after the update. */
    @CommandHandler
    public long handle(UpdateRegistrySourceCommand c) {
        requireLive();
        RegistrySourceSettings s = RegistrySourceRules.checkUpdate(settings, c);
        boolean usernameChanged = !Objects.equals(s.username(), settings.username());
        if (!s.equals(settings)) {
            apply(new RegistrySourceUpdatedEvent(id, namespace, name, s, settings));
        }
        if (c.passwordChanged() || usernameChanged) {
            apply(new RegistryCredentialsChangedEvent(id, namespace, name, s.username(),
                                                      c.passwordChanged() ? c.hasPassword() : hasPassword));
        }
        return version;
    }

    @CommandHandler
    public void handle(RemoveRegistrySourceCommand c, RegistrySourceUsage usage) {
        requireLive();
        long using = usage.repositoriesUsing(new RegistryRef(namespace, name));
        if (using > 0) {
            throw new RegistrySourceInUseException(namespace, name, using);
        }
        apply(new RegistrySourceRemovedEvent(id, namespace, name));
    }

    @CommandHandler
    public void handle(RecordRegistryHealthCommand c) {
        if (live && c.health() != health) {
            apply(new RegistryHealthChangedEvent(id, namespace, name, c.health(), health, c.detail()));
        }
    }

    private void requireLive() {
        if (!live) {
            throw new RegistrySourceNotFoundException(namespace, name);
        }
    }

    @EventSourcingHandler
    void on(RegistrySourceAddedEvent e, @SequenceNumber long sequence) {
        version = sequence + 1;
        id = e.id();
        namespace = e.namespace();
        name = e.name();
        settings = e.settings();
        hasPassword = false;
        health = RegistryHealth.UNKNOWN;
        live = true;
    }

    @EventSourcingHandler
    void on(RegistrySourceUpdatedEvent e, @SequenceNumber long sequence) {
        version = sequence + 1;
        settings = e.settings();
    }

    @EventSourcingHandler
    void on(RegistryCredentialsChangedEvent e, @SequenceNumber long sequence) {
        version = sequence + 1;
        hasPassword = e.hasPassword();
    }

    @EventSourcingHandler
    void on(RegistryHealthChangedEvent e, @SequenceNumber long sequence) {
        version = sequence + 1;
        health = e.health();
    }

    @EventSourcingHandler
    void on(RegistrySourceRemovedEvent e, @SequenceNumber long sequence) {
        version = sequence + 1;
        live = false;
    }
}
