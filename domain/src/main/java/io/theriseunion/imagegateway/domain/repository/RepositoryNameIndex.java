package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceUsage;
import io.theriseunion.imagegateway.domain.api.RepositoryAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Set-based validation of (namespace, name) uniqueness. The table is kept by a subscribing processor, so it
 * is written in the same transaction as the events: of two concurrent adds of one name, the second hits the
 * primary key and its events are rolled back with it.
 */
@Component
@ProcessingGroup(RepositoryNameIndex.PROCESSING_GROUP)
public class RepositoryNameIndex implements RepositoryNames, RegistrySourceUsage {

    public static final String PROCESSING_GROUP = "repository-names";

    private final JdbcTemplate jdbc;

    public RepositoryNameIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<RepositoryId> find(String namespace, String name) {
        return jdbc.query("select repository_id from repository_name where namespace = ? and name = ?",
                          (rs, i) -> RepositoryId.of(rs.getString(1)), namespace, name)
                   .stream().findFirst();
    }

    @Override
    public long repositoriesUsing(RegistryRef source) {
        Long n = jdbc.queryForObject("select count(*) from repository_name where registry_namespace = ?"
                                             + " and registry_name = ?", Long.class, source.namespace(), source.name());
        return n == null ? 0 : n;
    }

    @EventHandler
    void on(RepositoryAddedEvent event) {
        try {
            jdbc.update("insert into repository_name (namespace, name, repository_id, registry_namespace,"
                                + " registry_name) values (?, ?, ?, ?, ?)",
                        event.namespace(), event.name(), event.repositoryId().value(),
                        event.registry().namespace(), event.registry().name());
        } catch (DuplicateKeyException e) {
            throw new RepositoryAlreadyExistsException(event.namespace(), event.name());
        }
    }

    @EventHandler
    void on(RepositoryDeletedEvent event) {
        jdbc.update("delete from repository_name where repository_id = ?", event.repositoryId().value());
    }
}
