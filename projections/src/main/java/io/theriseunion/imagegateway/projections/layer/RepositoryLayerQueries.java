package io.theriseunion.imagegateway.projections.layer;

import io.theriseunion.imagegateway.domain.api.SyncedLayer;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.projections.Visibility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the layers of the repositories' current images: which other repositories share layers with one, which of
 * its layers are shared, and the storage figures of namespaces. "Another repository" is always one in the visible
 * namespaces (null: all), so that nothing tells a caller about repositories it may not read.
 */
@Component
public class RepositoryLayerQueries {

    private final JdbcTemplate jdbc;

    public RepositoryLayerQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * At most {@code first} other repositories whose images have layers of this repository's image, the largest
     * shared size first, then by namespace and name.
     */
    public List<SharingRepository> listSharingWith(String repositoryId, Set<String> visible, int first) {
        if (first == 0) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(List.of(repositoryId, repositoryId));
        String sql = "select s.repository_id, s.layers, s.bytes from ("
                + " select o.repository_id, count(*) as layers, sum(o.size) as bytes"
                + " from repository_layer m join repository_layer o on o.layer_digest = m.layer_digest"
                + " where m.repository_id = ? and o.repository_id <> ?" + visibleTo("o.namespace", visible, args)
                + " group by o.repository_id) s"
                + " join repository_image i on i.repository_id = s.repository_id"
                + " order by s.bytes desc, i.namespace, i.name limit ?";
        args.add(first);
        return jdbc.query(sql, (rs, i) -> new SharingRepository(rs.getString(1), rs.getInt(2), rs.getLong(3)),
                          args.toArray());
    }

    /** How many other repositories have layers of this repository's image. */
    public long countSharingWith(String repositoryId, Set<String> visible) {
        List<Object> args = new ArrayList<>(List.of(repositoryId, repositoryId));
        Long count = jdbc.queryForObject("select count(distinct o.repository_id)"
                + " from repository_layer m join repository_layer o on o.layer_digest = m.layer_digest"
                + " where m.repository_id = ? and o.repository_id <> ?" + visibleTo("o.namespace", visible, args),
                Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /** This repository's layers (distinct, in the order stored), each with whether another repository has it. */
    public List<StoredLayer> listLayers(String repositoryId, Set<String> visible) {
        List<Object> args = new ArrayList<>();
        String others = "exists (select 1 from repository_layer o where o.layer_digest = m.layer_digest"
                + " and o.repository_id <> m.repository_id" + visibleTo("o.namespace", visible, args) + ")";
        args.add(repositoryId);
        return jdbc.query("select m.layer_digest, m.size, case when " + others + " then 1 else 0 end"
                                  + " from repository_layer m where m.repository_id = ? order by m.position",
                          (rs, i) -> new StoredLayer(rs.getString(1), rs.getLong(2), rs.getInt(3) == 1),
                          args.toArray());
    }

    /**
     * The base layers of a manifest: for each of its layer stacks (its own layers, or for a multi-architecture
     * image each platform's, in index order) the longest leading run of layers that are {@code shared}; each layer
     * once.
     */
    public static List<SyncedLayer> baseLayers(SyncedManifest manifest, Collection<String> shared) {
        if (manifest == null) {
            return List.of();
        }
        Map<String, SyncedLayer> base = new LinkedHashMap<>();
        for (List<SyncedLayer> stack : ImageLayers.stacks(manifest)) {
            for (SyncedLayer layer : stack) {
                if (!shared.contains(layer.digest())) {
                    break;
                }
                base.putIfAbsent(layer.digest(), layer);
            }
        }
        return List.copyOf(base.values());
    }

    /**
     * The storage figures of each namespace, in one query: a namespace with no repository is absent. The total
     * counts each repository's image (for an index: all its platforms); the unique figure counts each distinct
     * layer digest of the namespace once, plus each image's configs.
     */
    public Map<String, NamespaceStorage> storageByNamespace(Collection<String> namespaces) {
        Map<String, NamespaceStorage> storage = new HashMap<>();
        if (namespaces.isEmpty()) {
            return storage;
        }
        Set<String> wanted = Set.copyOf(namespaces);
        List<Object> args = new ArrayList<>();
        String images = Visibility.condition("namespace", wanted, args);
        String layers = Visibility.condition("namespace", wanted, args);
        jdbc.query("select namespace, sum(total_bytes), sum(unique_bytes) from ("
                           + " select namespace, image_bytes as total_bytes, config_bytes as unique_bytes"
                           + " from repository_image where " + images
                           + " union all"
                           + " select namespace, 0 as total_bytes, max(size) as unique_bytes"
                           + " from repository_layer where " + layers + " group by namespace, layer_digest"
                           + ") t group by namespace",
                   rs -> {
                       storage.put(rs.getString(1), new NamespaceStorage(rs.getLong(2), rs.getLong(3)));
                   }, args.toArray());
        return storage;
    }

    private static String visibleTo(String column, Set<String> visible, List<Object> args) {
        return visible == null ? "" : " and " + Visibility.condition(column, visible, args);
    }
}
