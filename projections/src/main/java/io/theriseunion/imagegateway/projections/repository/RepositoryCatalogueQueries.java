package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.projections.Visibility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the catalogue: one repository by name, pages keyset-paginated over (namespace, name) (every page is
 * an index range scan that starts after the cursor, however deep the page), counts, and the lookups of the
 * gateway's own processes (by image, by last error).
 */
@Component
public class RepositoryCatalogueQueries {

    /**
     * A repository's catalogue row and its sync times: lastSynced and nextSyncAt move on every scheduled check, so
     * they live in the narrow {@code repository_sync_time} (one row per repository, written with the catalogue row),
     * where the check's update leaves the wide row alone.
     */
    private static final String COLUMNS = "v.repository_id, v.namespace, v.name, v.display_name, v.description,"
            + " v.registry_namespace, v.registry_name, v.repository, v.tag, v.sync_interval, v.sync_timeout,"
            + " v.retry_count, v.sync_status, t.last_synced, v.created_at, v.updated_at, v.version, t.next_sync_at,"
            + " v.last_error_code, v.last_error_message, v.last_error_http_status, v.last_error_at, v.digest,"
            + " v.manifest, v.remote_tags";
    /** The catalogue first, each row's sync times looked up by id (a left join keeps that order on H2 too). */
    private static final String FROM = " from repository_view v left join repository_sync_time t"
            + " on t.repository_id = v.repository_id";
    /**
     * The LAST_SYNCED order: the sync times first, read in the order of their index, each row's catalogue row looked
     * up by id (none only for a row deleted meanwhile, which is left out).
     */
    private static final String FROM_SYNC_TIMES = " from repository_sync_time t left join repository_view v"
            + " on v.repository_id = t.repository_id";

    private static final RowMapper<RepositoryView> ROW = (rs, i) -> {
        String errorCode = rs.getString("last_error_code");
        SyncErrorView lastError = errorCode == null ? null
                : new SyncErrorView(errorCode, rs.getString("last_error_message"),
                                    (Integer) rs.getObject("last_error_http_status"), instant(rs, "last_error_at"));
        return new RepositoryView(rs.getString("repository_id"), rs.getString("namespace"), rs.getString("name"),
                                  rs.getString("display_name"), rs.getString("description"),
                                  new RegistryRef(rs.getString("registry_namespace"), rs.getString("registry_name")),
                                  rs.getString("repository"), rs.getString("tag"), rs.getString("sync_interval"),
                                  rs.getString("sync_timeout"), rs.getInt("retry_count"),
                                  SyncStatus.valueOf(rs.getString("sync_status")), instant(rs, "last_synced"),
                                  instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"),
                                  instant(rs, "next_sync_at"), lastError, rs.getString("digest"),
                                  rs.getString("manifest"), rs.getString("remote_tags"));
    };

    private final JdbcTemplate jdbc;

    public RepositoryCatalogueQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One live repository by namespace and name. */
    public Optional<RepositoryView> find(String namespace, String name) {
        return jdbc.query("select " + COLUMNS + FROM + " where v.namespace = ? and v.name = ?",
                          ROW, namespace, name)
                   .stream().findFirst();
    }

    /**
     * Whether a signature of each repository's current digest is known, by repository id, for a page of
     * repositories in one query: TRUE signed, FALSE none found; ids not checked yet (or unknown) are absent.
     */
    public Map<String, Boolean> listSignatures(Collection<String> repositoryIds) {
        Map<String, Boolean> signed = new HashMap<>();
        if (repositoryIds.isEmpty()) {
            return signed;
        }
        jdbc.query("select repository_id, signed from repository_view where signed is not null and repository_id in ("
                           + String.join(",", Collections.nCopies(repositoryIds.size(), "?")) + ")",
                   rs -> {
                       signed.put(rs.getString("repository_id"), rs.getBoolean("signed"));
                   }, repositoryIds.toArray());
        return signed;
    }

    /** At most {@code first} repositories the filter shows, after the cursor (null: from the start). */
    public RepositoryPage list(RepositoryFilter filter, int first, NameCursor after) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(FROM);
        sql.append(where(filter, after, args, "v"));
        sql.append(" order by v.namespace, v.name limit ?");
        args.add(first + 1);
        List<RepositoryView> rows = jdbc.query(sql.toString(), ROW, args.toArray());
        boolean more = rows.size() > first;
        return new RepositoryPage(more ? List.copyOf(rows.subList(0, first)) : rows, more);
    }

    /**
     * At most {@code first} repositories the filter shows in the given order, after the cursor (null: from the
     * start). Keys: the order's column, then namespace and name (NAME: name, then namespace), all in the order's
     * direction; with a namespace filter the namespace leads the key (it is one value), so that each page is a range
     * scan of an index that starts at the cursor. LAST_SYNCED keeps the never-synced repositories last in both
     * directions: the synced ones are read first, then the rest in (namespace, name) order.
     */
    public RepositoryPage list(RepositoryFilter filter, int first, RepositoryOrder order, OrderedCursor after) {
        List<RepositoryView> rows = new ArrayList<>();
        boolean lastSynced = order.field() == RepositoryOrderField.LAST_SYNCED;
        if (!(lastSynced && after != null && after.value() == null)) {
            String condition = lastSynced ? "t.last_synced is not null" : null;
            rows.addAll(segment(filter, first + 1, order, after, condition, null));
        }
        if (lastSynced && rows.size() <= first) {
            OrderedCursor start = after != null && after.value() == null ? after : null;
            // sorted by the same index (last_synced is one value here), compared on the tie-breakers only
            rows.addAll(segment(filter, first + 1 - rows.size(), order, start, "t.last_synced is null", "last_synced"));
        }
        boolean more = rows.size() > first;
        return new RepositoryPage(more ? List.copyOf(rows.subList(0, first)) : rows, more);
    }

    private List<RepositoryView> segment(RepositoryFilter filter, int limit, RepositoryOrder order,
                                         OrderedCursor after, String condition, String equalColumn) {
        // the never synced (equalColumn last_synced) are read in the order of the index on (last_synced, namespace,
        // name) even with a namespace filter: one range (last_synced is null, namespace = ?) already sorted by name
        List<String> keys = keys(order.field(), filter.namespace() != null && equalColumn == null);
        // the table whose index gives the order: the key's namespace and name are that table's columns
        String table = order.field() == RepositoryOrderField.LAST_SYNCED ? "t" : "v";
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS)
                .append(table.equals("t") ? FROM_SYNC_TIMES : FROM);
        String where = where(filter, null, args, table);
        List<String> conditions = new ArrayList<>();
        if (table.equals("t")) {
            conditions.add("v.repository_id is not null");
        }
        if (condition != null) {
            conditions.add(condition);
        }
        if (after != null) {
            // a row-value comparison over the index's columns gives the planner the start of the range; a namespace
            // the filter fixes is left out of it (it is equal, and an equality before a range keeps it one range)
            List<String> compared = keys.stream()
                                        .filter(k -> !(k.equals("namespace") && filter.namespace() != null))
                                        .filter(k -> !k.equals(equalColumn)).toList();
            conditions.add("(" + String.join(", ", compared.stream().map(k -> column(table, k)).toList()) + ") "
                                   + (order.descending() ? "<" : ">") + " ("
                                   + String.join(", ", compared.stream().map(k -> "?").toList()) + ")");
            compared.forEach(k -> args.add(switch (k) {
                case "namespace" -> after.namespace();
                case "name" -> after.name();
                case "sync_status" -> after.value();
                default -> Instant.parse(after.value()).atOffset(ZoneOffset.UTC); // created_at, last_synced
            }));
        }
        if (!conditions.isEmpty()) {
            where += (where.isEmpty() ? " where " : " and ") + String.join(" and ", conditions);
        }
        String direction = order.descending() ? " desc" : "";
        sql.append(where).append(" order by ")
           .append(String.join(", ", keys.stream().map(k -> column(table, k) + direction).toList())).append(" limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** A key's column: the sync time is always repository_sync_time's, the rest the ordering table's. */
    private static String column(String table, String key) {
        return (key.equals("last_synced") ? "t" : table) + "." + key;
    }

    /** The sort key's columns: the field's column (none for NAME), namespace and name. */
    private static List<String> keys(RepositoryOrderField field, boolean namespaceLeads) {
        String column = switch (field) {
            case NAME -> null;
            case LAST_SYNCED -> "last_synced";
            case SYNC_STATUS -> "sync_status";
            case CREATED -> "created_at";
        };
        List<String> keys = new ArrayList<>();
        if (namespaceLeads) {
            keys.add("namespace"); // one value: the key's order is that of the rest
        }
        if (column != null) {
            keys.add(column);
        }
        if (field == RepositoryOrderField.NAME) {
            keys.add("name");
            if (!namespaceLeads) {
                keys.add("namespace");
            }
        } else {
            if (!namespaceLeads) {
                keys.add("namespace");
            }
            keys.add("name");
        }
        return keys;
    }

    /** How many repositories the filter shows in each sync status, in one grouped query. */
    public Map<SyncStatus, Long> countByStatus(RepositoryFilter filter) {
        List<Object> args = new ArrayList<>();
        Map<SyncStatus, Long> counts = new EnumMap<>(SyncStatus.class);
        jdbc.query("select sync_status, count(*) from repository_view" + where(filter, null, args, null)
                           + " group by sync_status",
                   rs -> {
                       counts.put(SyncStatus.valueOf(rs.getString(1)), rs.getLong(2));
                   }, args.toArray());
        return counts;
    }

    /**
     * How many repositories each namespace holds in each sync status, in one grouped query, for the visible
     * namespaces (null: all); a namespace without repositories is absent.
     */
    public Map<String, Map<SyncStatus, Long>> countByNamespaceAndStatus(Set<String> visible) {
        List<Object> args = new ArrayList<>();
        String where = visible == null ? "" : " where " + Visibility.condition("namespace", visible, args);
        Map<String, Map<SyncStatus, Long>> counts = new TreeMap<>();
        jdbc.query("select namespace, sync_status, count(*) from repository_view" + where
                           + " group by namespace, sync_status",
                   rs -> {
                       counts.computeIfAbsent(rs.getString(1), n -> new EnumMap<>(SyncStatus.class))
                             .put(SyncStatus.valueOf(rs.getString(2)), rs.getLong(3));
                   }, args.toArray());
        return counts;
    }

    /** How many repositories the filter shows. */
    public long count(RepositoryFilter filter) {
        List<Object> args = new ArrayList<>();
        String sql = "select count(*) from repository_view" + where(filter, null, args, null);
        return jdbc.queryForObject(sql, Long.class, args.toArray());
    }

    /**
     * How many repositories use each of the sources, counting only those in the visible namespaces (null: all):
     * one grouped query for all of them; a source no repository uses is absent.
     */
    public Map<RegistryRef, Long> countBySource(Collection<RegistryRef> sources, Set<String> visible) {
        Map<RegistryRef, Long> counts = new HashMap<>();
        if (sources.isEmpty()) {
            return counts;
        }
        Set<RegistryRef> wanted = Set.copyOf(sources);
        Set<String> namespaces = new TreeSet<>();
        sources.forEach(s -> namespaces.add(s.namespace()));
        String marks = String.join(",", Collections.nCopies(namespaces.size(), "?"));
        List<Object> args = new ArrayList<>(namespaces);
        // a shared source's users in namespaces the caller cannot read stay uncounted (and unnamed)
        String where = visible == null ? "" : " and " + Visibility.condition("namespace", visible, args);
        jdbc.query("select registry_namespace, registry_name, count(*) from repository_view where registry_namespace in ("
                           + marks + ")" + where + " group by registry_namespace, registry_name",
                   rs -> {
                       RegistryRef source = new RegistryRef(rs.getString(1), rs.getString(2));
                       if (wanted.contains(source)) {
                           counts.put(source, rs.getLong(3));
                       }
                   }, args.toArray());
        return counts;
    }

    /** The repositories that follow this image ({@code path:tag}) of the source. */
    public List<RepositoryView> listOfImage(RegistryRef source, String path, String tag) {
        return jdbc.query("select " + COLUMNS + FROM + " where v.registry_namespace = ? and v.registry_name = ?"
                                  + " and v.repository = ? and v.tag = ?", ROW, source.namespace(), source.name(), path, tag);
    }

    /** The live repositories among these ids (at most a page of them), by id; an id no repository has is absent. */
    public Map<String, RepositoryView> findByIds(Collection<String> ids) {
        Map<String, RepositoryView> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        jdbc.query("select " + COLUMNS + FROM + " where v.repository_id in (" + marks + ")",
                   rs -> {
                       RepositoryView view = ROW.mapRow(rs, 0);
                       found.put(view.id(), view);
                   }, ids.toArray());
        return found;
    }

    /**
     * The ids of at most {@code first} repositories of the source whose last sync ended with this error code,
     * in id order after {@code afterId} ("" for the start).
     */
    public List<String> listIdsFailedWith(RegistryRef source, String errorCode, String afterId, int first) {
        return jdbc.queryForList("select repository_id from repository_view where registry_namespace = ?"
                + " and registry_name = ? and last_error_code = ? and repository_id > ? order by repository_id"
                + " fetch first " + first + " rows only", String.class, source.namespace(), source.name(),
                errorCode, afterId);
    }

    /** The filter's conditions; the namespace is that of {@code table}, the one whose index is read. */
    private static String where(RepositoryFilter filter, NameCursor after, List<Object> args, String table) {
        List<String> conditions = new ArrayList<>();
        String prefix = table == null ? "" : table + ".";
        String view = table == null ? "" : "v.";
        if (filter.namespace() != null) {
            conditions.add(prefix + "namespace = ?");
            args.add(filter.namespace());
        }
        if (filter.visible() != null) {
            conditions.add(Visibility.condition(prefix + "namespace", filter.visible(), args));
        }
        if (!filter.statuses().isEmpty()) {
            conditions.add(view + "sync_status in (" + String.join(",", filter.statuses().stream().map(s -> "?").toList()) + ")");
            filter.statuses().stream().map(Enum::name).sorted().forEach(args::add);
        }
        if (filter.search() != null) {
            conditions.add(view + "search_text like ? escape '\\'");
            args.add("%" + escapeLike(filter.search().toLowerCase(Locale.ROOT)) + "%");
        }
        if (after != null) {
            // a row-value comparison gives the planner the start of the index range
            conditions.add("(" + prefix + "namespace, " + prefix + "name) > (?, ?)");
            args.add(after.namespace());
            args.add(after.name());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
