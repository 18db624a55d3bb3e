package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.projections.Visibility;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers catalogue queries with keyset pagination over (namespace, name): every page is an index range
 * scan that starts after the cursor, however deep the page.
 */
@Component
public class RepositoryCatalogueQueries {

    private static final String COLUMNS = "repository_id, namespace, name, display_name, description,"
            + " registry_namespace, registry_name, repository, tag, sync_interval, sync_timeout, retry_count,"
            + " sync_status, last_synced, created_at, updated_at, version, next_sync_at, last_error_code,"
            + " last_error_message, last_error_http_status, last_error_at, digest, manifest, remote_tags";

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

    @QueryHandler
    public Optional<RepositoryView> handle(FindRepositoryQuery query) {
        return jdbc.query("select " + COLUMNS + " from repository_view where namespace = ? and name = ?",
                          ROW, query.namespace(), query.name())
                   .stream().findFirst();
    }

    @QueryHandler
    public RepositoryPage handle(FindRepositoriesQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from repository_view");
        sql.append(where(query.filter(), query.after(), args));
        sql.append(" order by namespace, name limit ?");
        args.add(query.first() + 1);
        List<RepositoryView> rows = jdbc.query(sql.toString(), ROW, args.toArray());
        boolean more = rows.size() > query.first();
        return new RepositoryPage(more ? List.copyOf(rows.subList(0, query.first())) : rows, more);
    }

    @QueryHandler
    public Long handle(CountRepositoriesQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = "select count(*) from repository_view" + where(query.filter(), null, args);
        return jdbc.queryForObject(sql, Long.class, args.toArray());
    }

    private static String where(RepositoryFilter filter, NameCursor after, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.namespace() != null) {
            conditions.add("namespace = ?");
            args.add(filter.namespace());
        }
        if (filter.visible() != null) {
            conditions.add(Visibility.condition("namespace", filter.visible(), args));
        }
        if (!filter.statuses().isEmpty()) {
            conditions.add("sync_status in (" + String.join(",", filter.statuses().stream().map(s -> "?").toList()) + ")");
            filter.statuses().stream().map(Enum::name).sorted().forEach(args::add);
        }
        if (filter.search() != null) {
            conditions.add("search_text like ? escape '\\'");
            args.add("%" + escapeLike(filter.search().toLowerCase(Locale.ROOT)) + "%");
        }
        if (after != null) {
            // a row-value comparison gives the planner the start of the index range
            conditions.add("(namespace, name) > (?, ?)");
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
