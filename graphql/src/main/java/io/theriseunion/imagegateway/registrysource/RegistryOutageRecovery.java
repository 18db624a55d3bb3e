package io.theriseunion.imagegateway.registrysource;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.TriggerSyncCommand;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Once a source answers again, the repositories whose last sync ended as SOURCE_UNAVAILABLE are synced again
 * by themselves (trigger SCHEDULED, requested by the health check), a page at a time; the sync workers then
 * drain them at the source's concurrency limit.
 */
@Component
public class RegistryOutageRecovery {

    static final String SOURCE_UNAVAILABLE = "SOURCE_UNAVAILABLE";
    private static final Logger log = LoggerFactory.getLogger(RegistryOutageRecovery.class);
    private static final int PAGE = 500;

    private final RepositoryCatalogueQueries repositories;
    private final CommandGateway commands;

    public RegistryOutageRecovery(RepositoryCatalogueQueries repositories, CommandGateway commands) {
        this.repositories = repositories;
        this.commands = commands;
    }

    /** Requests the syncs; returns how many repositories were asked to sync. */
    public int resume(RegistryRef source) {
        String after = "";
        int asked = 0;
        while (true) {
            List<String> ids = repositories.listIdsFailedWith(source, SOURCE_UNAVAILABLE, after, PAGE);
            if (ids.isEmpty()) {
                break;
            }
            List<CompletableFuture<Object>> sent = new ArrayList<>();
            for (String id : ids) {
                sent.add(commands.send(GenericCommandMessage.asCommandMessage(
                        new TriggerSyncCommand(RepositoryId.of(id), SyncTrigger.SCHEDULED, RequestOrigin.HEALTH_CHECK))
                        .andMetaData(RequestOrigin.system(RequestOrigin.HEALTH_CHECK, null).asMetaData()))
                        .exceptionally(failure -> {
                            log.info("Sync of repository {} after its source's outage not requested: {}", id,
                                     failure.getMessage());
                            return null;
                        }));
            }
            // a page at a time: the command bus is never handed a whole outage's backlog at once
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            asked += ids.size();
            after = ids.get(ids.size() - 1);
        }
        if (asked > 0) {
            log.info("Registry source {}/{} answers again: {} repositories held by its outage sync again",
                     source.namespace(), source.name(), asked);
        }
        return asked;
    }
}
