package io.theriseunion.imagegateway.projections.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
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
    private static final RowMapper<SyncRunView> ROW = (rs, i) -> {
        Instant finishedAt = instant(rs.getObject("finished_at", OffsetDateTime.class));
        String errorCode = rs.getString("error_code");
        return new SyncRunView(rs.getString("run_id"), rs.getString("repository_id"),
                               SyncTrigger.valueOf(rs.getString("trigger_kind")),
                               SyncRunStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
                               instant(rs.getObject("requested_at", OffsetDateTime.class)),
                               instant(rs.getObject("started_at", OffsetDateTime.class)), finishedAt,
                               rs.getInt("attempts"), (Boolean) rs.getObject("changed"), rs.getString("digest"),
                               Json.read(rs.getString("layers_added"), STRINGS),
                               Json.read(rs.getString("layers_removed"), STRINGS),
                               errorCode == null ? null
                                       : new SyncErrorView(errorCode, rs.getString("error_message"),
                                                           (Integer) rs.getObject("error_http_status"), finishedAt));
    };

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
