package io.theriseunion.imagegateway.graphql.namespace;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.graphql.repository.StatusCounts;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The namespace selector: {@code namespaces}, counted in one grouped query per read model. */
@Controller
public class NamespaceController {

    private final RepositoryCatalogueQueries repositories;
    private final RegistryCatalogueQueries registries;
    private final Access access;

    public NamespaceController(RepositoryCatalogueQueries repositories, RegistryCatalogueQueries registries,
                               Access access) {
        this.repositories = repositories;
        this.registries = registries;
        this.access = access;
    }

    @QueryMapping
    public List<Namespace> namespaces(@ContextValue(required = false) Caller caller) {
        Set<String> readable = access.authenticated(caller).namespacesWith(Permission.READ).orElse(null);
        Map<String, Map<SyncStatus, Long>> statuses = repositories.countByNamespaceAndStatus(readable);
        Map<String, Long> sources = registries.countByNamespace(readable);
        // a namespaced caller sees its bound namespaces, even empty ones; one that reads all sees those that hold something
        Set<String> names = new TreeSet<>();
        if (readable != null) {
            names.addAll(readable);
        } else {
            names.addAll(statuses.keySet());
            names.addAll(sources.keySet());
        }
        return names.stream()
                    .map(n -> new Namespace(n, StatusCounts.of(statuses.getOrDefault(n, Map.of())),
                                            sources.getOrDefault(n, 0L)))
                    .toList();
    }
}
