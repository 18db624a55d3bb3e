package io.theriseunion.imagegateway.graphql.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.app.repository.Catalogue;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.graphql.paging.Pages;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import io.theriseunion.imagegateway.projections.sync.SyncHistoryQueries;
import io.theriseunion.imagegateway.projections.sync.SyncRunPage;
import io.theriseunion.imagegateway.projections.sync.SyncRunView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sync status, manifest and history on {@code Repository}, and {@code triggerSync}. */
@Controller
public class SyncController {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Catalogue catalogue;
    private final SyncHistoryQueries syncRuns;
    private final GatewayProperties properties;

    private final Access access;

    public SyncController(Catalogue catalogue, SyncHistoryQueries syncRuns, GatewayProperties properties,
                          Access access) {
        this.access = access;
        this.properties = properties;
        this.catalogue = catalogue;
        this.syncRuns = syncRuns;
    }

    @MutationMapping
    public SyncRunView triggerSync(@Argument String namespace, @Argument String name,
                                   @ContextValue(required = false) Caller caller) {
        access.require(caller, Permission.WRITE, namespace, "triggerSync", "REPOSITORY", name);
        return catalogue.triggerSync(namespace, name, caller.name());
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
        int size = Pages.size(first, 20, properties.maxPageSize());
        SyncRunCursor cursor = null;
        if (after != null && (cursor = SyncRunCursor.decode(after)) == null) {
            throw Pages.invalidCursor();
        }
        SyncRunPage page = syncRuns.list(repository.id(), size, cursor == null ? null : cursor.requestedAt(),
                                         cursor == null ? null : cursor.runId());
        List<SyncRunEdge> edges = page.items().stream()
                                      .map(r -> new SyncRunEdge(new SyncRunCursor(r.requestedAt(), r.id()).encode(), r))
                                      .toList();
        return new SyncRunConnection(edges, Pages.info(edges.stream().map(SyncRunEdge::cursor).toList(),
                                                       page.hasNextPage(), after), repository.id());
    }

    /** One grouped count for the sync histories of all repositories of a page, not one query each. */
    @BatchMapping(typeName = "SyncRunConnection", field = "totalCount")
    public Map<SyncRunConnection, Long> totalCount(List<SyncRunConnection> connections) {
        Map<String, Long> counts = syncRuns.countByRepository(connections.stream()
                                                                         .map(SyncRunConnection::repositoryId)
                                                                         .toList());
        Map<SyncRunConnection, Long> byConnection = new HashMap<>();
        connections.forEach(c -> byConnection.put(c, counts.getOrDefault(c.repositoryId(), 0L)));
        return byConnection;
    }
}
