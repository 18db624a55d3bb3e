package io.theriseunion.imagegateway.projections.registry;

import io.theriseunion.imagegateway.domain.api.RegistryCredentialsChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistryHealth;
import io.theriseunion.imagegateway.domain.api.RegistryHealthChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAddedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceRemovedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceUpdatedEvent;
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

/**
 * Keeps {@code registry_view}: one row per live registry source. version is the sequence of the last event applied
 * plus one, and every handler guards on it, so that a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(RegistryCatalogueProjection.PROCESSING_GROUP)
public class RegistryCatalogueProjection {

    public static final String PROCESSING_GROUP = "registry-catalogue";

    private final JdbcTemplate jdbc;
    private final ReadModelProgress progress;

    public RegistryCatalogueProjection(JdbcTemplate jdbc, ReadModelProgress progress) {
        this.jdbc = jdbc;
        this.progress = progress;
    }

    @EventHandler
    void on(RegistrySourceAddedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("delete from registry_view where registry_id = ? and version < ?", e.id().value(), sequence + 1);
        Integer present = jdbc.queryForObject("select count(*) from registry_view where registry_id = ?",
                                              Integer.class, e.id().value());
        if (present != null && present > 0) {
            return;
        }
        var s = e.settings();
        jdbc.update("insert into registry_view (registry_id, namespace, name, url, insecure, description, username,"
                            + " has_password, ca_certificate, concurrency_limit, health, created_at, updated_at, version,"
                            + " shared) values (?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?)",
                    e.id().value(), e.namespace(), e.name(), s.url(), s.insecure(), s.description(), s.username(),
                    s.caCertificate(), s.concurrencyLimit(), RegistryHealth.UNKNOWN.name(), utc(at), utc(at),
                    sequence + 1, s.shared());
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REGISTRIES, e.id().value());
    }

    @EventHandler
    void on(RegistrySourceUpdatedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        var s = e.settings();
        jdbc.update("update registry_view set url = ?, insecure = ?, description = ?, username = ?,"
                            + " ca_certificate = ?, concurrency_limit = ?, shared = ?, updated_at = ?, version = ?"
                            + " where registry_id = ? and version < ?",
                    s.url(), s.insecure(), s.description(), s.username(), s.caCertificate(), s.concurrencyLimit(),
                    s.shared(), utc(at), sequence + 1, e.id().value(), sequence + 1);
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REGISTRIES, e.id().value());
    }

    @EventHandler
    void on(RegistryCredentialsChangedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("update registry_view set username = ?, has_password = ?, updated_at = ?, version = ?"
                            + " where registry_id = ? and version < ?",
                    e.username(), e.hasPassword(), utc(at), sequence + 1, e.id().value(), sequence + 1);
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REGISTRIES, e.id().value());
    }

    @EventHandler
    void on(RegistryHealthChangedEvent e, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("update registry_view set health = ?, health_detail = ?, health_changed_at = ?, version = ?"
                            + " where registry_id = ? and version < ?",
                    e.health().name(), e.detail(), utc(at), sequence + 1, e.id().value(), sequence + 1);
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REGISTRIES, e.id().value());
    }

    @EventHandler
    void on(RegistrySourceRemovedEvent e, @SequenceNumber long sequence) {
        // a source added again under the same id continues its stream: its row is younger than this removal
        jdbc.update("delete from registry_view where registry_id = ? and version < ?", e.id().value(), sequence + 1);
        progress.signalAfterCommit(ReadModelProgress.ReadModel.REGISTRIES, e.id().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from registry_view");
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
