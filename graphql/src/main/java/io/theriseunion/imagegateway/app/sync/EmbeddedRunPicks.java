package io.theriseunion.imagegateway.app.sync;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepositoryContext;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.shaded.jdbc.RowMapper;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * How the embedded H2 picks due sync runs for db-scheduler's lock-and-fetch: every run this node has room for in one
 * commit, instead of a commit per run (db-scheduler's default, fetch-then-lock-on-execute). db-scheduler has no
 * lock-and-fetch of its own for H2 (PostgreSQL's is its {@code UPDATE … RETURNING} with {@code SKIP LOCKED}).
 * <p>
 * Two statements: a plain read chooses the due, unpicked runs, the oldest first, and one update claims those of them
 * that are still unpicked, returning them as it left them ({@code FINAL TABLE}). Not one update with the choice as
 * its subquery: H2 then locks every row the subquery's sort read, not only those it returned, and a run queued
 * meanwhile would wait for the pick. The embedded store has one node, and its poller alone picks; the update's
 * {@code picked = FALSE} still keeps a run that was claimed between the two statements from being claimed twice.
 */
final class EmbeddedRunPicks extends DefaultJdbcCustomization {

    private final String taskName;

    /** @param taskName the one task whose executions the table holds */
    EmbeddedRunPicks(String taskName) {
        super(true);
        this.taskName = taskName;
    }

    @Override
    public String getName() {
        return "H2 (the embedded store)";
    }

    @Override
    public boolean supportsSingleStatementLockAndFetch() {
        return true;
    }

    @Override
    public List<Execution> lockAndFetchSingleStatement(JdbcTaskRepositoryContext ctx, Instant now, int limit,
                                                       boolean orderByPriority) {
        String order = orderByPriority ? " ORDER BY priority DESC, execution_time ASC"
                                       : " ORDER BY execution_time ASC";
        List<String> due = ctx.jdbcRunner.query(
                "SELECT task_instance FROM " + ctx.tableName
                + " WHERE task_name = ? AND picked = FALSE AND execution_time <= ?" + order
                + " FETCH FIRST " + limit + " ROWS ONLY",
                ps -> {
                    ps.setString(1, taskName);
                    setInstant(ps, 2, now);
                },
                (RowMapper<String>) row -> row.getString(1));
        if (due.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(due.size(), "?"));
        return ctx.jdbcRunner.query(
                "SELECT * FROM FINAL TABLE (UPDATE " + ctx.tableName
                + " SET picked = TRUE, picked_by = ?, last_heartbeat = ?, version = version + 1"
                + " WHERE task_name = ? AND picked = FALSE AND task_instance IN (" + placeholders + "))" + order,
                ps -> claim(ps, ctx, now, due),
                ctx.resultSetMapper.get());
    }

    private void claim(PreparedStatement ps, JdbcTaskRepositoryContext ctx, Instant now, List<String> due)
            throws SQLException {
        String pickedBy = ctx.schedulerName.getName();
        ps.setString(1, pickedBy.length() > 50 ? pickedBy.substring(0, 50) : pickedBy);
        setInstant(ps, 2, now);
        ps.setString(3, taskName);
        int index = 4;
        for (String id : due) {
            ps.setString(index++, id);
        }
    }
}
