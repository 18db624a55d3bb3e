package io.theriseunion.imagegateway.projections.sync;

import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositorySyncPolicyEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps {@code sync_check}, the schedule of the scheduled checks: for every live repository what a check needs (the
 * image, its source, the policy, the last digest), whether the last run failed, and when the next check is due (the
 * {@code nextSyncAt} of the last run's result or of an edit; none while a run is open). Its own streaming processor,
 * so that a gateway upgraded to the checks fills the table from the stored events on its first start. Every handler
 * guards on the aggregate sequence of the last applied event, so a redelivered event changes nothing. What the checks
 * themselves write into a row (checked_at, the series of unchanged checks) is {@link SyncCheckRecords}'s.
 */
@Component
@ProcessingGroup(SyncCheckProjection.PROCESSING_GROUP)
public class SyncCheckProjection {

    public static final String PROCESSING_GROUP = "sync-checks";

    private final JdbcTemplate jdbc;

    public SyncCheckProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RepositoryAddedEvent e, @SequenceNumber long sequence) {
        Integer present = jdbc.queryForObject("select count(*) from sync_check where repository_id = ?", Integer.class,
                                              e.repositoryId().value());
        if (present != null && present > 0) {
            return;
        }
        // the add requests the first run: nothing is due until its result
        jdbc.update("insert into sync_check (repository_id, namespace, name, registry_namespace, registry_name,"
                            + " repository, tag, sync_interval, sync_timeout, retry_count, failed, event_seq)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?)",
                    e.repositoryId().value(), e.namespace(), e.name(), e.registry().namespace(), e.registry().name(),
                    e.repository(), e.tag(), e.syncInterval(), e.syncTimeout(), e.retryCount(), sequence);
    }

    /** A run is open: no check until its result; the series of unchanged checks before it is closed. */
    @EventHandler
    void on(SyncRequestedEvent e, @SequenceNumber long sequence) {
        jdbc.update("update sync_check set next_check_at = null, claimed_until = null, streak_id = null, event_seq = ?"
                            + " where repository_id = ? and event_seq < ?", sequence, e.repositoryId().value(), sequence);
    }

    @EventHandler
    void on(SyncSucceededEvent e, @SequenceNumber long sequence) {
        jdbc.update("update sync_check set digest = ?, failed = false, next_check_at = ?, claimed_until = null, streak_id = null,"
                            + " event_seq = ? where repository_id = ? and event_seq < ?",
                    e.digest(), utc(e.nextSyncAt()), sequence, e.repositoryId().value(), sequence);
    }

    @EventHandler
    void on(SyncFailedEvent e, @SequenceNumber long sequence) {
        jdbc.update("update sync_check set failed = true, next_check_at = ?, claimed_until = null, streak_id = null,"
                            + " event_seq = ?"
                            + " where repository_id = ? and event_seq < ?",
                    utc(e.nextSyncAt()), sequence, e.repositoryId().value(), sequence);
    }

    /**
     * next_check_at moves only when the edit planned the next sync again (the event carries it then); a check that
     * holds the row meanwhile is then not recorded (its claim is dropped, as by a run's events).
     */
    @EventHandler
    void on(RepositorySyncPolicyEditedEvent e, @SequenceNumber long sequence) {
        if (e.nextSyncAt() == null) {
            jdbc.update("update sync_check set sync_interval = ?, sync_timeout = ?, retry_count = ?, event_seq = ?"
                                + " where repository_id = ? and event_seq < ?",
                        e.syncInterval(), e.syncTimeout(), e.retryCount(), sequence, e.repositoryId().value(),
                        sequence);
            return;
        }
        jdbc.update("update sync_check set sync_interval = ?, sync_timeout = ?, retry_count = ?, next_check_at = ?,"
                            + " claimed_until = null, event_seq = ? where repository_id = ? and event_seq < ?",
                    e.syncInterval(), e.syncTimeout(), e.retryCount(), utc(e.nextSyncAt()), sequence,
                    e.repositoryId().value(), sequence);
    }

    @EventHandler
    void on(RepositoryDeletedEvent e) {
        jdbc.update("delete from sync_check where repository_id = ?", e.repositoryId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from sync_check");
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
