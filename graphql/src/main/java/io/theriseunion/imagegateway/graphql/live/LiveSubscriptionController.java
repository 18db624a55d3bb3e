package io.theriseunion.imagegateway.graphql.live;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.live.LivePoint;
import io.theriseunion.imagegateway.app.live.LiveUpdates;
import io.theriseunion.imagegateway.app.live.RegistryHealthChange;
import io.theriseunion.imagegateway.app.live.RepositoryChange;
import io.theriseunion.imagegateway.app.live.SyncStatusChange;
import io.theriseunion.imagegateway.graphql.audit.AuditCursor;
import io.theriseunion.imagegateway.graphql.audit.AuditLogFilterInput;
import io.theriseunion.imagegateway.graphql.repository.RepositoryLiveCursor;
import io.theriseunion.imagegateway.projections.audit.AuditEntry;
import io.theriseunion.imagegateway.projections.audit.AuditLogFilter;
import io.theriseunion.imagegateway.projections.audit.AuditLogQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

import java.util.Set;
import java.util.function.Predicate;

/**
 * The subscriptions: {@code syncStatusChanged}, {@code repositoryChanged}, {@code auditLogAppended},
 * {@code registryHealthChanged}.
 */
@Controller
public class LiveSubscriptionController {

    private final LiveUpdates live;
    private final ShownRepositories shown;
    private final ShownRegistries shownRegistries;
    private final Access access;
    private final SubscriptionCounter subscriptions;
    private final CredentialLifetime lifetime;
    private final AuditLogQueries audit;

    LiveSubscriptionController(LiveUpdates live, ShownRepositories shown, ShownRegistries shownRegistries,
                               Access access, SubscriptionCounter subscriptions, CredentialLifetime lifetime,
                               AuditLogQueries audit) {
        this.audit = audit;
        this.shownRegistries = shownRegistries;
        this.subscriptions = subscriptions;
        this.lifetime = lifetime;
        this.access = access;
        this.live = live;
        this.shown = shown;
    }

    @SubscriptionMapping
    public Flux<SyncStatusChange> syncStatusChanged(@Argument String namespace, @Argument String name,
                                                    @Argument String after,
                                                    @ContextValue(required = false) Caller caller,
                                                    @ContextValue(required = false) String connection) {
        Predicate<String> visible = readable(caller);
        LivePoint point = RepositoryLiveCursor.decode(after);
        Predicate<SyncStatusChange> filter = c -> visible.test(c.namespace())
                && (namespace == null || namespace.equals(c.namespace())) && (name == null || name.equals(c.name()));
        return whileValid(caller, connection, point == null ? live.statusChanges(filter)
                : live.statusChangesAfter(filter, point));
    }

    @SubscriptionMapping
    public Flux<RepositoryChange> repositoryChanged(@Argument String namespace, @Argument String after,
                                                    @ContextValue(required = false) Caller caller,
                                                    @ContextValue(required = false) String connection) {
        Predicate<String> visible = readable(caller);
        LivePoint point = RepositoryLiveCursor.decode(after);
        Predicate<RepositoryChange> filter = c -> visible.test(c.namespace())
                && (namespace == null || namespace.equals(c.namespace()));
        return whileValid(caller, connection, point == null ? live.repositoryChanges(filter)
                : live.repositoryChangesAfter(filter, point));
    }

    @SubscriptionMapping
    public Flux<AuditEntry> auditLogAppended(@Argument AuditLogFilterInput filter, @Argument String after,
                                             @ContextValue(required = false) Caller caller,
                                             @ContextValue(required = false) String connection) {
        Set<String> auditable = access.auditable(caller, "auditLogAppended");
        AuditLogFilter visible = AuditLogFilterInput.toFilter(filter).visibleIn(auditable);
        Long position = AuditCursor.decodeLive(after);
        return whileValid(caller, connection, position == null ? live.auditEntries(visible)
                : live.auditEntriesAfter(visible, position, (from, limit) -> audit.listOldestFirst(visible, from, limit)));
    }

    /** Health changes of the sources the caller can read (as {@code registries} lists them), in one namespace or all. */
    @SubscriptionMapping
    public Flux<RegistryHealthChange> registryHealthChanged(@Argument String namespace,
                                                            @ContextValue(required = false) Caller caller,
                                                            @ContextValue(required = false) String connection) {
        Predicate<String> visible = readable(caller);
        return whileValid(caller, connection, live.registryHealthChanges(c -> visible.test(c.namespace())
                && (namespace == null || namespace.equals(c.namespace()))));
    }

    private Predicate<String> readable(Caller caller) {
        Set<String> namespaces = access.authenticated(caller).namespacesWith(Permission.READ).orElse(null);
        return ns -> namespaces == null || namespaces.contains(ns);
    }

    /** The stream, ended when the caller's credentials stop being valid, counted against its connection. */
    private <T> Flux<T> whileValid(Caller caller, String connection, Flux<T> events) {
        return subscriptions.counted(connection, lifetime.whileValid(caller, events));
    }

    /** The source once the registry read model shows this change (or later ones); null once removed. */
    @SchemaMapping(typeName = "RegistryHealthEvent")
    public RegistryView registry(RegistryHealthChange change) {
        return shownRegistries.of(change);
    }

    /** The repository once the catalogue shows this change (or later ones); null after a delete. */
    @SchemaMapping(typeName = "RepositoryEvent")
    public RepositoryView repository(RepositoryChange change) {
        return shown.of(change);
    }
}
