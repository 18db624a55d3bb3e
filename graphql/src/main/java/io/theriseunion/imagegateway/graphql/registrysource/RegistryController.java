package io.theriseunion.imagegateway.graphql.registrysource;

import graphql.GraphQLContext;
import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.app.registrysource.RegistryCircuits;
import io.theriseunion.imagegateway.app.registrysource.RegistrySources;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.sync.SyncWorkers;
import io.theriseunion.imagegateway.graphql.access.CallerInterceptor;
import io.theriseunion.imagegateway.graphql.paging.Pages;
import io.theriseunion.imagegateway.graphql.repository.DeleteResult;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryFilter;
import io.theriseunion.imagegateway.projections.registry.RegistryPage;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Registry sources: {@code registries}, {@code registry} and their mutations. */
@Controller
public class RegistryController {

    private final RegistrySources sources;
    private final RegistryCatalogueQueries registries;
    private final RepositoryCatalogueQueries repositories;
    private final GatewayProperties properties;

    private final Access access;
    private final SyncWorkers workers;
    private final RegistryCircuits circuits;

    public RegistryController(RegistrySources sources, RegistryCatalogueQueries registries,
                              RepositoryCatalogueQueries repositories, GatewayProperties properties, Access access,
                              SyncWorkers workers, RegistryCircuits circuits) {
        this.workers = workers;
        this.circuits = circuits;
        this.access = access;
        this.sources = sources;
        this.registries = registries;
        this.repositories = repositories;
        this.properties = properties;
    }

    @QueryMapping
    public RegistryConnection registries(@Argument String namespace, @Argument Integer first, @Argument String after,
                                         @ContextValue(required = false) Caller caller) {
        int size = Pages.size(first, 50, properties.maxPageSize());
        NameCursor cursor = Pages.nameCursor(after);
        Set<String> visible = access.authenticated(caller).namespacesWith(Permission.READ).orElse(null);
        RegistryFilter filter = new RegistryFilter(namespace, visible);
        RegistryPage page = registries.list(filter, size, cursor);
        List<RegistryEdge> edges = page.items().stream()
                                       .map(r -> new RegistryEdge(new NameCursor(r.namespace(), r.name()).encode(), r))
                                       .toList();
        return new RegistryConnection(edges, Pages.info(edges.stream().map(RegistryEdge::cursor).toList(),
                                                        page.hasNextPage(), after), filter);
    }

    @SchemaMapping(typeName = "RegistryConnection")
    public long totalCount(RegistryConnection connection) {
        return registries.count(connection.filter());
    }

    @QueryMapping
    public RegistryView registry(@Argument String namespace, @Argument String name,
                                 @ContextValue(required = false) Caller caller) {
        if (!access.authenticated(caller).can(Permission.READ, namespace)) {
            return null; // the same answer as for a source that does not exist
        }
        return registries.find(namespace, name).orElse(null);
    }

    /** One grouped count for all the registries of a page (and all aliases of the field), not one query each. */
    @BatchMapping(typeName = "Registry", field = "repositoryCount")
    public Map<RegistryView, Long> repositoryCount(List<RegistryView> page, GraphQLContext context) {
        Caller caller = context.get(CallerInterceptor.CALLER);
        Set<String> visible = access.authenticated(caller).namespacesWith(Permission.READ).orElse(null);
        Map<RegistryRef, Long> counts = repositories.countBySource(page.stream().map(RegistryController::ref).toList(),
                                                                   visible);
        Map<RegistryView, Long> byRegistry = new HashMap<>();
        page.forEach(r -> byRegistry.put(r, counts.getOrDefault(ref(r), 0L)));
        return byRegistry;
    }

    /** The end of the source's 429 pause; null once it has passed. */
    @SchemaMapping(typeName = "Registry")
    public Instant rateLimitedUntil(RegistryView registry) {
        Instant until = registry.pausedUntil();
        return until != null && until.isAfter(Instant.now()) ? until : null;
    }

    /** Since when this node holds the source's syncs because it is unavailable; null while it is available. */
    @SchemaMapping(typeName = "Registry")
    public Instant unavailableSince(RegistryView registry) {
        return circuits.unavailableSince(ref(registry)).orElse(null);
    }

    /** The source's syncs on this node. */
    @SchemaMapping(typeName = "Registry")
    public SyncBacklog syncBacklog(RegistryView registry) {
        SyncWorkers.Backlog b = workers.backlog(ref(registry));
        return new SyncBacklog(b.queued(), b.running(), b.parked());
    }

    @MutationMapping
    public RegistryView addRegistry(@Argument AddRegistryInput input, @ContextValue(required = false) Caller caller) {
        access.require(caller, Permission.MANAGE, input.namespace(), "addRegistry", "REGISTRY", input.name());
        return sources.add(input.toCommand(), input.password());
    }

    @MutationMapping
    public RegistryView updateRegistry(@Argument UpdateRegistryInput input, @ContextValue(required = false) Caller caller) {
        access.require(caller, Permission.MANAGE, input.namespace(), "updateRegistry", "REGISTRY", input.name());
        return sources.update(input.toCommand(), input.namespace(), input.name(), input.password());
    }

    @MutationMapping
    public DeleteResult deleteRegistry(@Argument String namespace, @Argument String name,
                                       @ContextValue(required = false) Caller caller) {
        access.require(caller, Permission.MANAGE, namespace, "deleteRegistry", "REGISTRY", name);
        sources.delete(namespace, name);
        return new DeleteResult(namespace, name, true);
    }

    private static RegistryRef ref(RegistryView registry) {
        return new RegistryRef(registry.namespace(), registry.name());
    }
}
