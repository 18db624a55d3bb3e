package io.theriseunion.imagegateway.projections.layer;

import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Keeps {@code repository_image} and {@code repository_layer}: for every live repository, the size of its current
 * image and its distinct layers, from the manifest of the last sync that found a new digest (a sync that found the
 * same digest carries no manifest and changes nothing here). Runs in its own streaming processor, so that a gateway
 * upgraded to it fills the tables by replaying the stored events on its first start; {@code POST
 * /actuator/projections/repository-layers} rebuilds them the same way. Every handler guards on the aggregate
 * sequence of the last applied event (event_seq), so that a redelivered event changes nothing, and only a
 * repository whose add it has seen gets rows (a late success of a deleted repository writes nothing).
 */
@Component
@ProcessingGroup(RepositoryLayersProjection.PROCESSING_GROUP)
public class RepositoryLayersProjection {

    public static final String PROCESSING_GROUP = "repository-layers";

    private final JdbcTemplate jdbc;

    public RepositoryLayersProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RepositoryAddedEvent e, @SequenceNumber long sequence) {
        Integer present = jdbc.queryForObject("select count(*) from repository_image where repository_id = ?",
                                              Integer.class, e.repositoryId().value());
        if (present != null && present > 0) {
            return;
        }
        jdbc.update("insert into repository_image (repository_id, namespace, name, digest, image_bytes, config_bytes,"
                            + " event_seq) values (?, ?, ?, null, 0, 0, ?)",
                    e.repositoryId().value(), e.namespace(), e.name(), sequence);
    }

    @EventHandler
    void on(SyncSucceededEvent e, @SequenceNumber long sequence) {
        if (e.manifest() == null) {
            return;
        }
        String id = e.repositoryId().value();
        ImageLayers image = ImageLayers.of(e.manifest());
        int updated = jdbc.update("update repository_image set digest = ?, image_bytes = ?, config_bytes = ?,"
                                          + " event_seq = ? where repository_id = ? and event_seq < ?",
                                  e.digest(), image.imageBytes(), image.configBytes(), sequence, id, sequence);
        if (updated == 0) {
            return;
        }
        String namespace = jdbc.queryForObject("select namespace from repository_image where repository_id = ?",
                                               String.class, id);
        jdbc.update("delete from repository_layer where repository_id = ?", id);
        List<ImageLayers.Entry> layers = image.layers();
        jdbc.batchUpdate("insert into repository_layer (repository_id, layer_digest, namespace, size, position)"
                                 + " values (?, ?, ?, ?, ?)",
                         layers.stream().map(l -> new Object[]{id, l.digest(), namespace, l.size(), l.position()})
                               .toList());
    }

    @EventHandler
    void on(RepositoryDeletedEvent e) {
        jdbc.update("delete from repository_layer where repository_id = ?", e.repositoryId().value());
        jdbc.update("delete from repository_image where repository_id = ?", e.repositoryId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from repository_layer");
        jdbc.update("delete from repository_image");
    }
}
