package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.app.live.LiveUpdates;
import io.theriseunion.imagegateway.app.operations.ProcessorPositions;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.graphql.paging.Pages;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.projections.repository.OrderedCursor;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueProjection;
import io.theriseunion.imagegateway.projections.repository.RepositoryOrder;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryFilter;
import io.theriseunion.imagegateway.projections.repository.RepositoryPage;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.projections.repository.RepositoryTimeTravel;
import org.springframework.graphql.data.method.annotation.ContextValue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Reads of the catalogue: {@code repositories}, {@code repository} and the derived fields. */
@Controller
public class RepositoryQueryController {

    private final RepositoryCatalogueQueries repositories;
    private final GatewayProperties properties;
    private final RepositoryTimeTravel timeTravel;
    private final Access access;
    private final LiveUpdates live;
    private final ProcessorPositions positions;

    public RepositoryQueryController(RepositoryCatalogueQueries repositories, GatewayProperties properties,
                                     RepositoryTimeTravel timeTravel, Access access, LiveUpdates live,
                                     ProcessorPositions positions) {
        this.access = access;
        this.live = live;
        this.positions = positions;
        this.repositories = repositories;
        this.properties = properties;
        this.timeTravel = timeTravel;
    }

    @QueryMapping
    public RepositoryConnection repositories(@Argument String namespace, @Argument String search,
                                             @Argument List<SyncStatus> syncStatus, @Argument Integer first,
                                             @Argument String after, @Argument RepositoryOrder orderBy,
                                             @ContextValue(required = false) Caller caller,
                                             DataFetchingFieldSelectionSet selection) {
        int size = Pages.size(first, 50, properties.maxPageSize());
        OrderedCursor ordered = orderBy == null || after == null ? null : OrderedCursor.decode(after, orderBy);
        if (orderBy != null && after != null && ordered == null) {
            throw Pages.invalidCursor();
        }
        NameCursor cursor = orderBy == null ? Pages.nameCursor(after) : null;
        // where this read stands in what is told live: taken before the rows are read, so the rows hold all before it
        String liveCursor = selection.contains("liveCursor") ? RepositoryLiveCursor.encode(
                live.point(() -> positions.handledThrough(RepositoryCatalogueProjection.PROCESSING_GROUP))) : null;
        // a namespace the caller cannot read lists as an empty one: no hint whether it exists
        RepositoryFilter filter = new RepositoryFilter(namespace, search,
                                                       syncStatus == null ? Set.of() : Set.copyOf(syncStatus),
                                                       access.authenticated(caller).namespacesWith(Permission.READ)
                                                             .orElse(null));
        RepositoryPage page = orderBy == null ? repositories.list(filter, size, cursor)
                : repositories.list(filter, size, orderBy, ordered);
        List<RepositoryEdge> edges = page.items().stream()
                                         .map(r -> new RepositoryEdge(orderBy == null ? cursorOf(r)
                                                 : OrderedCursor.of(orderBy, r).encode(), r))
                                         .toList();
        return new RepositoryConnection(edges, Pages.info(edges.stream().map(RepositoryEdge::cursor).toList(),
                                                          page.hasNextPage(), after), filter, liveCursor);
    }

    @SchemaMapping(typeName = "RepositoryConnection")
    public long totalCount(RepositoryConnection connection) {
        return repositories.count(connection.filter());
    }

    /** One grouped count over the same filter as totalCount, so the four add up to it. */
    @SchemaMapping(typeName = "RepositoryConnection")
    public StatusCounts statusCounts(RepositoryConnection connection) {
        return StatusCounts.of(repositories.countByStatus(connection.filter()));
    }

    @QueryMapping
    public RepositoryView repository(@Argument String namespace, @Argument String name, @Argument Instant asOf,
                                     @ContextValue(required = false) Caller caller) {
        if (!access.authenticated(caller).can(Permission.READ, namespace)) {
            return null; // the same answer as for a repository that does not exist
        }
        if (asOf != null) {
            return timeTravel.asOf(namespace, name, asOf).orElse(null);
        }
        return repositories.find(namespace, name).orElse(null);
    }

    private static String cursorOf(RepositoryView r) {
        return new NameCursor(r.namespace(), r.name()).encode();
    }
}
