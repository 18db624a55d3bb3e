package io.theriseunion.imagegateway.projections.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.repository.SyncErrorView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the sync history: a repository's runs newest first, keyset-paginated over (requested_at, run_id). */
@Component
public class SyncHistoryQueries {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "run_id, repository_id, trigger_kind, status, requested_by, requested_at,"
            + " started_at, finished_at, attempts, changed, digest, layers_added, layers_removed, error_code,"
            + " error_message, error_http_status, unchanged_checks";
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
                                                           (Integer) rs.getObject("error_http_status"), finishedAt),
                               (Integer) rs.getObject("unchanged_checks"));
    };

    private static final String OPEN = "status in ('REQUESTED', 'RUNNING')";

    private final JdbcTemplate jdbc;

    public SyncHistoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * At most {@code first} of the repository's runs, newest first, after the run (requestedAt, id) of the cursor
     * when given.
     */
    public SyncRunPage list(String repositoryId, int first, Instant afterRequestedAt, String afterId) {
        List<SyncRunView> rows = afterId == null
                ? jdbc.query("select " + COLUMNS + " from sync_run where repository_id = ?"
                                     + " order by requested_at desc, run_id desc limit ?", ROW, repositoryId, first + 1)
                : jdbc.query("select " + COLUMNS + " from sync_run where repository_id = ? and (requested_at, run_id) < (?, ?)"
                                     + " order by requested_at desc, run_id desc limit ?", ROW, repositoryId,
                             OffsetDateTime.ofInstant(afterRequestedAt, ZoneOffset.UTC), afterId, first + 1);
        boolean more = rows.size() > first;
        return new SyncRunPage(more ? List.copyOf(rows.subList(0, first)) : rows, more);
    }

    /** One sync run by id. */
    public Optional<SyncRunView> find(String runId) {
        return jdbc.query("select " + COLUMNS + " from sync_run where run_id = ?", ROW, runId).stream().findFirst();
    }

    /**
     * How many sync runs each of the repositories has: one grouped query for all of them; a repository without runs
     * is absent.
     */
    public Map<String, Long> countByRepository(Collection<String> repositoryIds) {
        Map<String, Long> counts = new HashMap<>();
        if (repositoryIds.isEmpty()) {
            return counts;
        }
        List<String> ids = repositoryIds.stream().distinct().sorted().toList();
        jdbc.query("select repository_id, count(*) from sync_run where repository_id in ("
                           + String.join(",", Collections.nCopies(ids.size(), "?")) + ") group by repository_id",
                   (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)), ids.toArray());
        return counts;
    }

    /** The runs still requested or running, oldest request first, each with its repository's last projected event. */
    public List<OpenSyncRun> listOpen() {
        return jdbc.query("select r.run_id, r.repository_id, v.event_seq from sync_run r"
                                  + " join repository_view v on v.repository_id = r.repository_id"
                                  + " where r.status in ('REQUESTED', 'RUNNING') order by r.requested_at",
                          (rs, i) -> new OpenSyncRun(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    /**
     * At most {@code limit} open runs whose overdueAt is before {@code before}, the most overdue first and after the
     * run {@code after} when given (keyset over overdue_at, run_id). Read from the index on {@code overdue_at}, which
     * only open runs of repositories still there have set (see {@link SyncHistoryProjection}); on sync_run alone,
     * since H2 planned a join with the catalogue as a scan of it and every run of each repository.
     */
    public List<OverdueSyncRun> listOverdue(Instant before, OverdueSyncRun after, int limit) {
        RowMapper<OverdueSyncRun> row = (rs, i) -> new OverdueSyncRun(
                rs.getString(1), rs.getString(2), instant(rs.getObject(3, OffsetDateTime.class)));
        String select = "select run_id, repository_id, overdue_at from sync_run where overdue_at < ? and " + OPEN;
        OffsetDateTime until = OffsetDateTime.ofInstant(before, ZoneOffset.UTC);
        return after == null
                ? jdbc.query(select + " order by overdue_at, run_id limit ?", row, until, limit)
                : jdbc.query(select + " and (overdue_at, run_id) > (?, ?) order by overdue_at, run_id limit ?", row,
                             until, OffsetDateTime.ofInstant(after.overdueAt(), ZoneOffset.UTC), after.runId(), limit);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
