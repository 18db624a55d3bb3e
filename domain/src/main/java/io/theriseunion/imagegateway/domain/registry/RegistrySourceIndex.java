package io.theriseunion.imagegateway.domain.registry;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAddedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceRemovedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceUpdatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The live registry sources by (namespace, name), written by a subscribing processor in the same
 * transaction as their events, so that adding a repository can check its registry reference.
 */
@Component
@ProcessingGroup(RegistrySourceIndex.PROCESSING_GROUP)
public class RegistrySourceIndex implements RegistrySourceDirectory {

    public static final String PROCESSING_GROUP = "registry-source-names";

    private final JdbcTemplate jdbc;

    public RegistrySourceIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean exists(RegistryRef source) {
        Integer n = jdbc.queryForObject("select count(*) from registry_source_name where namespace = ? and name = ?",
                                        Integer.class, source.namespace(), source.name());
        return n != null && n > 0;
    }

    /** Whether the source exists and its namespace's ADMIN lets other namespaces use it. */
    public boolean shared(RegistryRef source) {
        Integer n = jdbc.queryForObject("select count(*) from registry_source_name where namespace = ? and name = ?"
                                                + " and shared = true", Integer.class, source.namespace(), source.name());
        return n != null && n > 0;
    }

    @EventHandler
    void on(RegistrySourceAddedEvent e) {
        jdbc.update("insert into registry_source_name (namespace, name, shared) values (?, ?, ?)", e.namespace(),
                    e.name(), e.settings().shared());
    }

    @EventHandler
    void on(RegistrySourceUpdatedEvent e) {
        jdbc.update("update registry_source_name set shared = ? where namespace = ? and name = ?",
                    e.settings().shared(), e.namespace(), e.name());
    }

    @EventHandler
    void on(RegistrySourceRemovedEvent e) {
        jdbc.update("delete from registry_source_name where namespace = ? and name = ?", e.namespace(), e.name());
    }
}
