package io.theriseunion.imagegateway.projections.registry;

import io.theriseunion.imagegateway.projections.Visibility;

import io.theriseunion.imagegateway.domain.api.RegistryHealth;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Answers registry source queries, keyset-paginated over (namespace, name). */
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

    @QueryHandler
    public Optional<RegistryView> handle(FindRegistryQuery query) {
        return jdbc.query("select " + COLUMNS + FROM + " where r.namespace = ? and r.name = ?", ROW,
                          query.namespace(), query.name()).stream().findFirst();
    }

    @QueryHandler
    public RegistryPage handle(FindRegistriesQuery query) {
        List<Object> args = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (query.namespace() != null) {
            conditions.add("r.namespace = ?");
            args.add(query.namespace());
        }
        if (query.visible() != null) {
            conditions.add(Visibility.condition("r.namespace", query.visible(), args));
        }
        if (query.afterNamespace() != null) {
            conditions.add("(r.namespace, r.name) > (?, ?)");
            args.add(query.afterNamespace());
            args.add(query.afterName());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        args.add(query.first() + 1);
        List<RegistryView> rows = jdbc.query("select " + COLUMNS + FROM + where + " order by r.namespace, r.name limit ?",
                                             ROW, args.toArray());
        boolean more = rows.size() > query.first();
        return new RegistryPage(more ? List.copyOf(rows.subList(0, query.first())) : rows, more);
    }

    @QueryHandler
    public Long handle(CountRegistriesQuery query) {
        List<Object> args = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (query.namespace() != null) {
            conditions.add("namespace = ?");
            args.add(query.namespace());
        }
        if (query.visible() != null) {
            conditions.add(Visibility.condition("namespace", query.visible(), args));
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return jdbc.queryForObject("select count(*) from registry_view" + where, Long.class, args.toArray());
    }

    /**
     * How many repositories use each of the sources, as the catalogue shows them, counting only those in the
     * visible namespaces (null: all), keyed "namespace/name": one grouped query for all of them (absent: none).
     */
    public Map<String, Long> repositoryCounts(Collection<RegistryRef> sources, java.util.Set<String> visible) {
        Map<String, Long> counts = new HashMap<>();
        if (sources.isEmpty()) {
            return counts;
        }
        Set<String> wanted = new HashSet<>();
        Set<String> namespaces = new TreeSet<>();
        sources.forEach(s -> {
            wanted.add(s.namespace() + "/" + s.name());
            namespaces.add(s.namespace());
        });
        String marks = String.join(",", Collections.nCopies(namespaces.size(), "?"));
        List<Object> args = new ArrayList<>(namespaces);
        // a shared source's users in namespaces the caller cannot read stay uncounted (and unnamed)
        String where = visible == null ? "" : " and " + Visibility.condition("namespace", visible, args);
        jdbc.query("select registry_namespace, registry_name, count(*) from repository_view where registry_namespace in ("
                           + marks + ")" + where + " group by registry_namespace, registry_name",
                   rs -> {
                       String key = rs.getString(1) + "/" + rs.getString(2);
                       if (wanted.contains(key)) {
                           counts.put(key, rs.getLong(3));
                       }
                   }, args.toArray());
        return counts;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
