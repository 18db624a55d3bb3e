package io.theriseunion.imagegateway.graphql.namespace;

import io.theriseunion.imagegateway.projections.layer.NamespaceStorage;
import io.theriseunion.imagegateway.projections.layer.RepositoryLayerQueries;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Namespace.storage} (监控存储使用): one grouped query for all namespaces of a request. The namespaces come
 * from {@code namespaces}, which lists only those the caller can read, so no further check is needed here.
 */
@Controller
public class NamespaceStorageController {

    private final RepositoryLayerQueries layers;

    public NamespaceStorageController(RepositoryLayerQueries layers) {
        this.layers = layers;
    }

    @BatchMapping(typeName = "Namespace", field = "storage")
    public Map<Namespace, NamespaceStorage> storage(List<Namespace> namespaces) {
        Map<String, NamespaceStorage> byName = layers.storageByNamespace(namespaces.stream().map(Namespace::name)
                                                                                   .toList());
        Map<Namespace, NamespaceStorage> storage = new LinkedHashMap<>();
        namespaces.forEach(n -> storage.put(n, byName.getOrDefault(n.name(), NamespaceStorage.NONE)));
        return storage;
    }
}
