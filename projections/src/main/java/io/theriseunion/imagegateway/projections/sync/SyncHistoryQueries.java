package io.theriseunion.imagegateway.projections.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.repository.SyncErrorView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Answers sync history queries, newest first, keyset-paginated over (requested_at, run_id). */
@Component
public class SyncHistoryQueries {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "run_id, repository_id, trigger_kind, status, requested_by, requested_at,"
            + " started_at, finished_at, attempts, changed, digest, layers_added, layers_removed, error_code,"
            + " error_message, error_http_status";
    private static final RowMapper<SyncRunView> ROW = (rs, i) -> new SyncRunView(
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            instant(rs.getObject(6, OffsetDateTime.class)), instant(rs.getObject(7, OffsetDateTime.class)),
            instant(rs.getObject(8, OffsetDateTime.class)), rs.getInt(9), (Boolean) rs.getObject(10), rs.getString(11),
            Json.read(rs.getString(12), STRINGS), Json.read(rs.getString(13), STRINGS),
            rs.getString(14) == null ? null : new SyncErrorView(rs.getString(14), rs.getString(15),
                                                               (Integer) rs.getObject(16),
                                                               instant(rs.getObject(8, OffsetDateTime.class))));

    private final JdbcTemplate jdbc;

    public SyncHistoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public SyncRunPage handle(FindSyncRunsQuery q) {
        List<SyncRunView> rows = q.afterId() == null
                ? jdbc.query("select " + COLUMNS + " from sync_run where repository_id = ?"
                                     + " order by requested_at desc, run_id desc limit ?", ROW, q.repositoryId(), q.first() + 1)
                : jdbc.query("select " + COLUMNS + " from sync_run where repository_id = ? and (requested_at, run_id) < (?, ?)"
                                     + " order by requested_at desc, run_id desc limit ?", ROW, q.repositoryId(),
                             OffsetDateTime.ofInstant(q.afterRequestedAt(), ZoneOffset.UTC), q.afterId(), q.first() + 1);
        boolean more = rows.size() > q.first();
        return new SyncRunPage(more ? List.copyOf(rows.subList(0, q.first())) : rows, more);
    }

    @QueryHandler
    public Optional<SyncRunView> handle(FindSyncRunQuery q) {
        return jdbc.query("select " + COLUMNS + " from sync_run where run_id = ?", ROW, q.runId()).stream().findFirst();
    }

    @QueryHandler
    public Long handle(CountSyncRunsQuery q) {
        return jdbc.queryForObject("select count(*) from sync_run where repository_id = ?", Long.class, q.repositoryId());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
