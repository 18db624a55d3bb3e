package io.theriseunion.imagegateway.projections.registry;

import io.theriseunion.imagegateway.domain.api.RegistryHealth;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.projections.Visibility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads registry sources: one by name, or a page keyset-paginated over (namespace, name), and counts. */
@Component
public class RegistryCatalogueQueries {

    private static final String COLUMNS = "r.registry_id, r.namespace, r.name, r.url, r.insecure, r.description,"
            + " r.username, r.has_password, r.ca_certificate, r.concurrency_limit, r.health, r.health_detail,"
            + " h.last_checked_at, r.created_at, r.updated_at, r.version, p.paused_until, r.shared";
    private static final String FROM = " from registry_view r left join registry_health_check h"
            + " on h.namespace = r.namespace and h.name = r.name"
            + " left join registry_rate_limit p on p.namespace = r.namespace and p.name = r.name";

    private static final RowMapper<RegistryView> ROW = (rs, i) -> new RegistryView(
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6),
            rs.getString(7), rs.getBoolean(8), rs.getString(9), rs.getInt(10), RegistryHealth.valueOf(rs.getString(11)),
            rs.getString(12), instant(rs.getObject(13, OffsetDateTime.class)),
            instant(rs.getObject(14, OffsetDateTime.class)), instant(rs.getObject(15, OffsetDateTime.class)),
            rs.getLong(16), instant(rs.getObject(17, OffsetDateTime.class)), rs.getBoolean(18));

    private final JdbcTemplate jdbc;

    public RegistryCatalogueQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One live registry source by namespace and name. */
    public Optional<RegistryView> find(String namespace, String name) {
        return jdbc.query("select " + COLUMNS + FROM + " where r.namespace = ? and r.name = ?", ROW, namespace, name)
                   .stream().findFirst();
    }

    /**
     * The live sources among these references, in one query whatever their number (a removed one is absent).
     */
    public Map<RegistryRef, RegistryView> findAll(Collection<RegistryRef> refs) {
        Map<RegistryRef, RegistryView> found = new HashMap<>();
        Set<RegistryRef> wanted = Set.copyOf(refs);
        if (wanted.isEmpty()) {
            return found;
        }
        Set<String> namespaces = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        wanted.forEach(r -> {
            namespaces.add(r.namespace());
            names.add(r.name());
        });
        List<Object> args = new ArrayList<>(namespaces);
        args.addAll(names);
        // a superset (namespace in …, name in …) by two index-friendly lists, trimmed to the wanted pairs
        jdbc.query("select " + COLUMNS + FROM + " where r.namespace in (" + marks(namespaces.size())
                           + ") and r.name in (" + marks(names.size()) + ")", ROW, args.toArray())
            .forEach(v -> {
                RegistryRef ref = new RegistryRef(v.namespace(), v.name());
                if (wanted.contains(ref)) {
                    found.put(ref, v);
                }
            });
        return found;
    }

    /** How many sources each namespace holds, in the visible namespaces (null: all); one grouped query. */
    public Map<String, Long> countByNamespace(Set<String> visible) {
        List<Object> args = new ArrayList<>();
        String where = visible == null ? "" : " where " + Visibility.condition("namespace", visible, args);
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("select namespace, count(*) from registry_view" + where + " group by namespace",
                   rs -> {
                       counts.put(rs.getString(1), rs.getLong(2));
                   }, args.toArray());
        return counts;
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    /** At most {@code first} sources the filter shows, after the cursor (null: from the start). */
    public RegistryPage list(RegistryFilter filter, int first, NameCursor after) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, "r.", args);
        if (after != null) {
            where += (where.isEmpty() ? " where " : " and ") + "(r.namespace, r.name) > (?, ?)";
            args.add(after.namespace());
            args.add(after.name());
        }
        args.add(first + 1);
        List<RegistryView> rows = jdbc.query("select " + COLUMNS + FROM + where + " order by r.namespace, r.name limit ?",
                                             ROW, args.toArray());
        boolean more = rows.size() > first;
        return new RegistryPage(more ? List.copyOf(rows.subList(0, first)) : rows, more);
    }

    /** How many sources the filter shows. */
    public long count(RegistryFilter filter) {
        List<Object> args = new ArrayList<>();
        return jdbc.queryForObject("select count(*) from registry_view" + where(filter, "", args), Long.class,
                                   args.toArray());
    }

    private static String where(RegistryFilter filter, String alias, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.namespace() != null) {
            conditions.add(alias + "namespace = ?");
            args.add(filter.namespace());
        }
        if (filter.visible() != null) {
            conditions.add(Visibility.condition(alias + "namespace", filter.visible(), args));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
