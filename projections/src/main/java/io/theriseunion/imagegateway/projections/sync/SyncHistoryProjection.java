package io.theriseunion.imagegateway.projections.sync;

import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps {@code sync_run}, the sync history of every repository (kept after the repository is deleted): each row
 * is what {@link SyncRunView#after} makes of its run's events. A run's row is written once by its request, moved
 * only while the run is open, so that a redelivered event changes nothing. An open run's row holds its overdueAt
 * ({@code overdue_at}, cleared when the run ends or its repository is deleted): the gateway's sweep of overdue runs
 * finds the open runs past it by that column's index ({@link SyncHistoryQueries#listOverdue}). In the catalogue's processing group, so that both
 * read models advance and rebuild together.
 */
@Component
@ProcessingGroup(RepositoryCatalogueProjection.PROCESSING_GROUP)
public class SyncHistoryProjection {

    private static final String OPEN = "status in ('REQUESTED', 'RUNNING')";

    private final JdbcTemplate jdbc;
    private final ReadModelProgress progress;

    public SyncHistoryProjection(JdbcTemplate jdbc, ReadModelProgress progress) {
        this.jdbc = jdbc;
        this.progress = progress;
    }

    @EventHandler
    void on(SyncRequestedEvent e, @Timestamp Instant at) {
        Integer present = jdbc.queryForObject("select count(*) from sync_run where run_id = ?", Integer.class, e.runId());
        if (present != null && present > 0) {
            return;
        }
        SyncRunView run = SyncRunView.requested(e, at);
        jdbc.update("insert into sync_run (run_id, repository_id, trigger_kind, status, requested_by, requested_at,"
                            + " attempts, overdue_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    run.id(), run.repositoryId(), run.trigger().name(), run.status().name(), run.requestedBy(),
                    utc(run.requestedAt()), run.attempts(), e.overdueAt() == null ? null : utc(e.overdueAt()));
        progress.signalAfterCommit(ReadModelProgress.ReadModel.SYNC_RUNS, e.runId());
    }

    @EventHandler
    void on(SyncStartedEvent e, @Timestamp Instant at) {
        jdbc.update("update sync_run set status = 'RUNNING', started_at = ? where run_id = ? and status = 'REQUESTED'",
                    utc(at), e.runId());
    }

    @EventHandler
    void on(SyncSucceededEvent e, @Timestamp Instant at) {
        jdbc.update("update sync_run set status = 'SUCCESS', finished_at = ?, attempts = ?, changed = ?, digest = ?,"
                            + " layers_added = ?, layers_removed = ?, overdue_at = null where run_id = ? and " + OPEN,
                    utc(at), e.attempts(), e.changed(), e.digest(), Json.write(e.layersAdded()),
                    Json.write(e.layersRemoved()), e.runId());
    }

    @EventHandler
    void on(SyncFailedEvent e, @Timestamp Instant at) {
        jdbc.update("update sync_run set status = 'FAILED', finished_at = ?, attempts = ?, error_code = ?,"
                            + " error_message = ?, error_http_status = ?, overdue_at = null where run_id = ? and " + OPEN,
                    utc(at), e.attempts(), e.error().code(), e.error().message(), e.error().httpStatus(), e.runId());
    }

    /**
     * A run open when its repository was deleted stays open in the history, and nothing will end it: it leaves the
     * overdue runs' index (the repository's runs are found by sync_run_repository).
     */
    @EventHandler
    void on(RepositoryDeletedEvent e) {
        jdbc.update("update sync_run set overdue_at = null where repository_id = ? and overdue_at is not null",
                    e.repositoryId().value());
    }

    /** The runs go and come back from the events; the series of unchanged checks, which are not events, stay. */
    @ResetHandler
    void reset() {
        jdbc.update("delete from sync_run where unchanged_checks is null");
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
