package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.RepositorySyncPolicyEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.repository.RepositoryAppearance;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Keeps {@code repository_view}: one row per live repository, each what {@link RepositoryAppearance#after} makes
 * of its events: a row is inserted as the fold starts, and updated in place as the fold moves on (a test replays
 * one stream through both). Runs in a streaming processor whose token is stored in the same database and
 * transaction, so the table is always at least at the token; it can be ahead: {@link RepositoryCatalogueAtCommit}
 * writes a row in the transaction of its events when the row is one event behind. So every handler guards on the
 * aggregate sequence of the last applied event (event_seq): an event already applied (or redelivered) changes
 * nothing. event_seq is the aggregate's sequence of every event, the sync requests included (which change nothing
 * else the row shows: the run is sync_run's, {@code SyncHistoryProjection}, in the same processing group), so that
 * a row one event behind is exactly what that head start needs. version counts the operator's changes (1 after
 * the add, +1 per edit), as the aggregate does. A row's lastSynced and nextSyncAt are kept beside it, in
 * {@code repository_sync_time}, written in the same handler once the row took the event (the scheduled checks move
 * them there too, without a new version of the wide catalogue row).
 */
@Component
@ProcessingGroup(RepositoryCatalogueProjection.PROCESSING_GROUP)
public class RepositoryCatalogueProjection {

    public static final String PROCESSING_GROUP = "repository-catalogue";

    private final JdbcTemplate jdbc;
    private final ReadModelProgress progress;

    public RepositoryCatalogueProjection(JdbcTemplate jdbc, ReadModelProgress progress) {
        this.jdbc = jdbc;
        this.progress = progress;
    }

    @EventHandler
    void on(RepositoryAddedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        Integer present = jdbc.queryForObject("select count(*) from repository_view where repository_id = ?",
                                              Integer.class, e.repositoryId().value());
        if (present != null && present > 0) {
            return;
        }
        RepositoryAppearance a = RepositoryAppearance.after(null, e, at);
        jdbc.update("insert into repository_view (repository_id, namespace, name, display_name, description,"
                            + " registry_namespace, registry_name, repository, tag, sync_interval, sync_timeout,"
                            + " retry_count, sync_status, created_at, updated_at, version, event_seq, search_text)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.id(), a.namespace(), a.name(), a.displayName(), a.description(), a.registry().namespace(),
                    a.registry().name(), a.repository(), a.tag(), a.syncInterval(), a.syncTimeout(), a.retryCount(),
                    a.syncStatus().name(), utc(a.createdAt()), utc(a.updatedAt()), a.version(), sequence,
                    searchText(a.name(), a.displayName(), a.repository() + ":" + a.tag()));
        jdbc.update("insert into repository_sync_time (repository_id, namespace, name) values (?, ?, ?)", a.id(),
                    a.namespace(), a.name());
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REPOSITORIES, e.repositoryId().value());
    }

    @EventHandler
    void on(RepositoryMetadataEditedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        String image = jdbc.query("select repository || ':' || tag from repository_view where repository_id = ?",
                                  (rs, i) -> rs.getString(1), e.repositoryId().value())
                           .stream().findFirst().orElse("");
        jdbc.update("update repository_view set display_name = ?, description = ?, search_text = ?,"
                            + " updated_at = ?, version = version + 1, event_seq = ? where repository_id = ? and event_seq < ?",
                    e.displayName(), e.description(), searchText(e.name(), e.displayName(), image), utc(at),
                    sequence, e.repositoryId().value(), sequence);
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REPOSITORIES, e.repositoryId().value());
    }

    /** next_sync_at moves only when the edit planned the next sync again (the event carries it then) */
    @EventHandler
    void on(RepositorySyncPolicyEditedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        int applied = jdbc.update("update repository_view set sync_interval = ?, sync_timeout = ?, retry_count = ?,"
                                          + " updated_at = ?, version = version + 1,"
                                          + " event_seq = ? where repository_id = ? and event_seq < ?",
                                  e.syncInterval(), e.syncTimeout(), e.retryCount(), utc(at), sequence,
                                  e.repositoryId().value(), sequence);
        if (applied > 0 && e.nextSyncAt() != null) {
            nextSync(e.repositoryId().value(), e.nextSyncAt());
        }
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REPOSITORIES, e.repositoryId().value());
    }

    @EventHandler
    void on(RepositoryDeletedEvent e, @SequenceNumber long sequence) {
        if (jdbc.update("delete from repository_view where repository_id = ? and event_seq < ?",
                        e.repositoryId().value(), sequence) > 0) {
            jdbc.update("delete from repository_sync_time where repository_id = ?", e.repositoryId().value());
        }
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REPOSITORIES, e.repositoryId().value());
    }

    @EventHandler
    void on(SyncRequestedEvent e, @SequenceNumber long sequence) {
        bump(e.repositoryId().value(), sequence, "");
    }

    @EventHandler
    void on(SyncStartedEvent e, @SequenceNumber long sequence) {
        bump(e.repositoryId().value(), sequence, ", sync_status = 'SYNCING'");
    }

    @EventHandler
    void on(SyncSucceededEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        // a sync that found the same digest carries no manifest (and a routine one no tags): the last ones stay
        int applied = jdbc.update("update repository_view set sync_status = 'SUCCESS',"
                                          + " digest = ?, last_error_code = null, last_error_message = null,"
                                          + " last_error_http_status = null, last_error_at = null,"
                                          + " manifest = coalesce(?, manifest), remote_tags = coalesce(?, remote_tags),"
                                          + " event_seq = ?, signed = ? where repository_id = ? and event_seq < ?",
                                  e.digest(), e.manifest() == null ? null : Json.write(e.manifest()),
                                  e.remoteTags() == null ? null : Json.write(e.remoteTags()), sequence, e.signed(),
                                  e.repositoryId().value(), sequence);
        if (applied > 0) {
            // lastSynced: the later of this run and the last unchanged scheduled check, which is not an event (kept
            // in sync_check, which a rebuild of this read model leaves as it is), and never earlier than the row
            // shows: a check recorded while this transaction ran (a node checks the repository right after this
            // run) is not in the subquery's snapshot, but is in the row this update re-reads
            jdbc.update("update repository_sync_time set last_synced = greatest(?, coalesce("
                                + "(select c.checked_at from sync_check c where c.repository_id = ?), ?),"
                                + " coalesce(last_synced, ?)), next_sync_at = ? where repository_id = ?",
                        utc(at), e.repositoryId().value(), utc(at), utc(at), utc(e.nextSyncAt()),
                        e.repositoryId().value());
        }
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REPOSITORIES, e.repositoryId().value());
    }

    @EventHandler
    void on(SyncFailedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        int applied = jdbc.update("update repository_view set sync_status = 'FAILED', last_error_code = ?,"
                                          + " last_error_message = ?, last_error_http_status = ?, last_error_at = ?,"
                                          + " event_seq = ? where repository_id = ? and event_seq < ?",
                                  e.error().code(), e.error().message(), e.error().httpStatus(), utc(at), sequence,
                                  e.repositoryId().value(), sequence);
        if (applied > 0) {
            nextSync(e.repositoryId().value(), e.nextSyncAt());
        }
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REPOSITORIES, e.repositoryId().value());
    }

    private void bump(String id, long sequence, String alsoSet) {
        jdbc.update("update repository_view set event_seq = ?" + alsoSet
                            + " where repository_id = ? and event_seq < ?", sequence, id, sequence);
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REPOSITORIES, id);
    }

    private void nextSync(String id, Instant at) {
        jdbc.update("update repository_sync_time set next_sync_at = ? where repository_id = ?", utc(at), id);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from repository_sync_time");
        jdbc.update("delete from repository_view");
    }

    static String searchText(String name, String displayName, String image) {
        String text = name + "\n" + (displayName == null ? "" : displayName) + "\n" + image;
        return text.toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
