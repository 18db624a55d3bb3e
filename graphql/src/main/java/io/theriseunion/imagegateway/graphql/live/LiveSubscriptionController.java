package io.theriseunion.imagegateway.graphql.live;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.access.UnauthenticatedException;
import io.theriseunion.imagegateway.app.live.LiveUpdates;
import io.theriseunion.imagegateway.app.live.RegistryHealthChange;
import io.theriseunion.imagegateway.app.live.RepositoryChange;
import io.theriseunion.imagegateway.app.live.SyncStatusChange;
import io.theriseunion.imagegateway.graphql.audit.AuditLogFilterInput;
import io.theriseunion.imagegateway.projections.audit.AuditEntry;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
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

    public LiveSubscriptionController(LiveUpdates live, ShownRepositories shown, ShownRegistries shownRegistries,
                                      Access access, SubscriptionCounter subscriptions) {
        this.shownRegistries = shownRegistries;
        this.subscriptions = subscriptions;
        this.access = access;
        this.live = live;
        this.shown = shown;
    }

    @SubscriptionMapping
    public Flux<SyncStatusChange> syncStatusChanged(@Argument String namespace, @Argument String name,
                                                    @ContextValue(required = false) Caller caller,
                                                    @ContextValue(required = false) String connection) {
        Predicate<String> visible = readable(caller);
        return whileValid(caller, connection, live.statusChanges(c -> visible.test(c.namespace())
                && (namespace == null || namespace.equals(c.namespace())) && (name == null || name.equals(c.name()))));
    }

    @SubscriptionMapping
    public Flux<RepositoryChange> repositoryChanged(@Argument String namespace,
                                                    @ContextValue(required = false) Caller caller,
                                                    @ContextValue(required = false) String connection) {
        Predicate<String> visible = readable(caller);
        return whileValid(caller, connection, live.repositoryChanges(c -> visible.test(c.namespace())
                && (namespace == null || namespace.equals(c.namespace()))));
    }

    @SubscriptionMapping
    public Flux<AuditEntry> auditLogAppended(@Argument AuditLogFilterInput filter,
                                             @ContextValue(required = false) Caller caller,
                                             @ContextValue(required = false) String connection) {
        Set<String> auditable = access.auditable(caller, "auditLogAppended");
        return whileValid(caller, connection, live.auditEntries(AuditLogFilterInput.toFilter(filter).visibleIn(auditable)));
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

    /**
     * Ends the stream with UNAUTHENTICATED once its credentials stop being valid: the API token is revoked (seen
     * within the event store's polling delay, on every node) or the JWT expires.
     */
    private <T> Flux<T> whileValid(Caller caller, String connection, Flux<T> events) {
        Flux<T> end = Flux.empty();
        if (caller.apiToken() != null) {
            end = live.revocationOf(caller.apiToken())
                      .flatMap(revoked -> Mono.error(new UnauthenticatedException("the API token \"" + revoked
                              + "\" was revoked; this subscription has ended")));
        }
        if (caller.expiresAt() != null) {
            Duration left = Duration.between(Instant.now(), caller.expiresAt());
            end = end.mergeWith(Mono.delay(left.isNegative() ? Duration.ZERO : left)
                                    .flatMap(x -> Mono.error(new UnauthenticatedException("the access token expired;"
                                            + " subscribe again with a new one"))));
        }
        return subscriptions.counted(connection, events.mergeWith(end));
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
