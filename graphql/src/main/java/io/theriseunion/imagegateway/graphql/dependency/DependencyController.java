package io.theriseunion.imagegateway.graphql.dependency;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.domain.api.SyncedLayer;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.graphql.paging.Pages;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.layer.RepositoryLayerQueries;
import io.theriseunion.imagegateway.projections.layer.SharingRepository;
import io.theriseunion.imagegateway.projections.layer.StoredLayer;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@code Repository.dependencies} (依赖关系): the repositories sharing layers with one, and its base layers. */
@Controller
public class DependencyController {

    private final RepositoryLayerQueries layers;
    private final RepositoryCatalogueQueries repositories;
    private final GatewayProperties properties;
    private final Access access;

    public DependencyController(RepositoryLayerQueries layers, RepositoryCatalogueQueries repositories,
                                GatewayProperties properties, Access access) {
        this.layers = layers;
        this.repositories = repositories;
        this.properties = properties;
        this.access = access;
    }

    @SchemaMapping(typeName = "Repository")
    public RepositoryDependencies dependencies(RepositoryView repository, @ContextValue(required = false) Caller caller) {
        Set<String> visible = access.authenticated(caller).namespacesWith(Permission.READ).orElse(null);
        return new RepositoryDependencies(repository, visible);
    }

    @SchemaMapping(typeName = "RepositoryDependencies")
    public List<SyncedLayer> baseLayers(RepositoryDependencies dependencies) {
        SyncedManifest manifest = Json.read(dependencies.repository().manifestJson(), SyncedManifest.class);
        if (manifest == null) {
            return List.of();
        }
        Set<String> shared = Set.copyOf(stored(dependencies).stream().filter(StoredLayer::shared)
                                                            .map(StoredLayer::digest).toList());
        return RepositoryLayerQueries.baseLayers(manifest, shared);
    }

    @SchemaMapping(typeName = "RepositoryDependencies")
    public List<SharedLayers> sharedWith(RepositoryDependencies dependencies, @Argument Integer first) {
        int size = Pages.size(first, 20, properties.maxPageSize());
        List<SharingRepository> sharing = layers.listSharingWith(dependencies.repository().id(),
                                                                 dependencies.visible(), size);
        Map<String, RepositoryView> views = repositories.findByIds(sharing.stream()
                                                                          .map(SharingRepository::repositoryId)
                                                                          .toList());
        // a repository deleted a moment ago may still have layers while the catalogue no longer shows it
        return sharing.stream()
                      .map(s -> views.containsKey(s.repositoryId())
                              ? new SharedLayers(views.get(s.repositoryId()), s.layers(), s.bytes()) : null)
                      .filter(Objects::nonNull)
                      .toList();
    }

    @SchemaMapping(typeName = "RepositoryDependencies")
    public long sharedWithCount(RepositoryDependencies dependencies) {
        return layers.countSharingWith(dependencies.repository().id(), dependencies.visible());
    }

    @SchemaMapping(typeName = "RepositoryDependencies")
    public long uniqueBytes(RepositoryDependencies dependencies) {
        return stored(dependencies).stream().filter(l -> !l.shared()).mapToLong(StoredLayer::size).sum();
    }

    private List<StoredLayer> stored(RepositoryDependencies dependencies) {
        return layers.listLayers(dependencies.repository().id(), dependencies.visible());
    }
}
