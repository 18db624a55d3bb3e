package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.catalogue.Catalogue;
import io.theriseunion.imagegateway.config.GatewayProperties;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.projections.repository.CountRepositoriesQuery;
import io.theriseunion.imagegateway.projections.repository.FindRepositoriesQuery;
import io.theriseunion.imagegateway.projections.repository.RepositoryCursor;
import io.theriseunion.imagegateway.projections.repository.RepositoryFilter;
import io.theriseunion.imagegateway.projections.repository.RepositoryPage;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Set;

/** Reads of the catalogue: {@code repositories}, {@code repository} and the derived fields. */
@Controller
public class RepositoryQueryController {

    private final QueryGateway queries;
    private final Catalogue catalogue;
    private final GatewayProperties properties;

    public RepositoryQueryController(QueryGateway queries, Catalogue catalogue, GatewayProperties properties) {
        this.queries = queries;
        this.catalogue = catalogue;
        this.properties = properties;
    }

    @QueryMapping
    public RepositoryConnection repositories(@Argument String namespace, @Argument String search,
                                             @Argument List<SyncStatus> syncStatus, @Argument Integer first,
                                             @Argument String after) {
        int size = first == null ? 50 : first;
        if (size < 0 || size > properties.maxPageSize()) {
            throw ValidationException.of("first", "must be between 0 and " + properties.maxPageSize());
        }
        RepositoryCursor cursor = null;
        if (after != null) {
            cursor = RepositoryCursor.decode(after);
            if (cursor == null) {
                throw ValidationException.of("after", "is not a cursor of this list; pass a pageInfo.endCursor");
            }
        }
        RepositoryFilter filter = new RepositoryFilter(namespace, search,
                                                       syncStatus == null ? Set.of() : Set.copyOf(syncStatus));
        RepositoryPage page = queries.query(new FindRepositoriesQuery(filter, size, cursor), RepositoryPage.class)
                                     .join();
        List<RepositoryEdge> edges = page.items().stream()
                                         .map(r -> new RepositoryEdge(cursorOf(r), r))
                                         .toList();
        PageInfo info = new PageInfo(page.hasNextPage(), cursor != null,
                                     edges.isEmpty() ? null : edges.get(0).cursor(),
                                     edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor());
        return new RepositoryConnection(edges, info, filter);
    }

    @SchemaMapping(typeName = "RepositoryConnection")
    public long totalCount(RepositoryConnection connection) {
        return queries.query(new CountRepositoriesQuery(connection.filter()), Long.class).join();
    }

    @QueryMapping
    public RepositoryView repository(@Argument String namespace, @Argument String name) {
        return catalogue.find(namespace, name).orElse(null);
    }

    private static String cursorOf(RepositoryView r) {
        return new RepositoryCursor(r.namespace(), r.name()).encode();
    }
}
