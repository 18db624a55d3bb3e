package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
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
 * Keeps {@code repository_view}: one row per live repository. Runs in a streaming processor whose token is
 * stored in the same database and transaction, so the table is always exactly at the token; handlers still
 * guard on the version so that a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(RepositoryCatalogueProjection.PROCESSING_GROUP)
public class RepositoryCatalogueProjection {

    public static final String PROCESSING_GROUP = "repository-catalogue";

    private final JdbcTemplate jdbc;
    private final CatalogueProgress progress;

    public RepositoryCatalogueProjection(JdbcTemplate jdbc, CatalogueProgress progress) {
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
        jdbc.update("insert into repository_view (repository_id, namespace, name, display_name, description,"
                            + " registry_namespace, registry_name, repository, tag, sync_interval, sync_timeout,"
                            + " retry_count, sync_status, created_at, updated_at, version, search_text)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.repositoryId().value(), e.namespace(), e.name(), e.displayName(), e.description(),
                    e.registry().namespace(), e.registry().name(), e.repository(), e.tag(), e.syncInterval(),
                    e.syncTimeout(), e.retryCount(), SyncStatus.PENDING.name(), utc(at), utc(at), sequence + 1,
                    searchText(e.name(), e.displayName(), e.repository() + ":" + e.tag()));
        progress.signalAfterCommit();
    }

    @EventHandler
    void on(RepositoryMetadataEditedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        String image = jdbc.query("select repository || ':' || tag from repository_view where repository_id = ?",
                                  (rs, i) -> rs.getString(1), e.repositoryId().value())
                           .stream().findFirst().orElse("");
        jdbc.update("update repository_view set display_name = ?, description = ?, search_text = ?,"
                            + " updated_at = ?, version = ? where repository_id = ? and version < ?",
                    e.displayName(), e.description(), searchText(e.name(), e.displayName(), image), utc(at),
                    sequence + 1, e.repositoryId().value(), sequence + 1);
        progress.signalAfterCommit();
    }

    @EventHandler
    void on(RepositoryDeletedEvent e) {
        jdbc.update("delete from repository_view where repository_id = ?", e.repositoryId().value());
        progress.signalAfterCommit();
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from repository_view");
    }

    static String searchText(String name, String displayName, String image) {
        String text = name + "\n" + (displayName == null ? "" : displayName) + "\n" + image;
        return text.toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
