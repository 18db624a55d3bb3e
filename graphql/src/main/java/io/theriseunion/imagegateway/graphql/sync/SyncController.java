package io.theriseunion.imagegateway.graphql.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.theriseunion.imagegateway.catalogue.Catalogue;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.graphql.repository.PageInfo;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import io.theriseunion.imagegateway.projections.sync.CountSyncRunsQuery;
import io.theriseunion.imagegateway.projections.sync.FindSyncRunsQuery;
import io.theriseunion.imagegateway.projections.sync.SyncRunPage;
import io.theriseunion.imagegateway.projections.sync.SyncRunView;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** Sync status, manifest and history on {@code Repository}, and {@code triggerSync}. */
@Controller
public class SyncController {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Catalogue catalogue;
    private final QueryGateway queries;

    public SyncController(Catalogue catalogue, QueryGateway queries) {
        this.catalogue = catalogue;
        this.queries = queries;
    }

    @MutationMapping
    public SyncRunView triggerSync(@Argument String namespace, @Argument String name) {
        return catalogue.triggerSync(namespace, name, "anonymous");
    }

    @SchemaMapping(typeName = "Repository")
    public SyncedManifest manifest(RepositoryView repository) {
        return Json.read(repository.manifestJson(), SyncedManifest.class);
    }

    @SchemaMapping(typeName = "Repository")
    public List<String> remoteTags(RepositoryView repository) {
        return Json.read(repository.remoteTagsJson(), STRINGS);
    }

    @SchemaMapping(typeName = "Repository")
    public SyncRunConnection syncHistory(RepositoryView repository, @Argument Integer first, @Argument String after) {
        int size = first == null ? 20 : first;
        if (size < 0 || size > 200) {
            throw ValidationException.of("first", "must be between 0 and 200");
        }
        SyncRunCursor cursor = null;
        if (after != null && (cursor = SyncRunCursor.decode(after)) == null) {
            throw ValidationException.of("after", "is not a cursor of this history; pass a pageInfo.endCursor");
        }
        SyncRunPage page = queries.query(new FindSyncRunsQuery(repository.id(), size,
                                                               cursor == null ? null : cursor.requestedAt(),
                                                               cursor == null ? null : cursor.runId()),
                                         SyncRunPage.class).join();
        List<SyncRunEdge> edges = page.items().stream()
                                      .map(r -> new SyncRunEdge(new SyncRunCursor(r.requestedAt(), r.id()).encode(), r))
                                      .toList();
        return new SyncRunConnection(edges, new PageInfo(page.hasNextPage(), cursor != null,
                                                         edges.isEmpty() ? null : edges.get(0).cursor(),
                                                         edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor()),
                                     repository.id());
    }

    @SchemaMapping(typeName = "SyncRunConnection")
    public long totalCount(SyncRunConnection connection) {
        return queries.query(new CountSyncRunsQuery(connection.repositoryId()), Long.class).join();
    }
}
