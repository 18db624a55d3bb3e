package io.theriseunion.imagegateway.app.registrysource;

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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Once a source answers again, the repositories whose last sync ended as SOURCE_UNAVAILABLE are synced again
 * by themselves (trigger SCHEDULED, requested by the health check), a page at a time; the sync workers then
 * drain them at the source's concurrency limit. The requests are sent on a thread of their own
 * ({@link #resumeSoon}), so that the health check that found the source back goes on probing the others: when
 * a hundred sources come back at once, all their breakers close within one probe round.
 */
@Component
public class RegistryOutageRecovery implements DisposableBean {

    static final String SOURCE_UNAVAILABLE = "SOURCE_UNAVAILABLE";
    private static final Logger log = LoggerFactory.getLogger(RegistryOutageRecovery.class);
    private static final int PAGE = 500;

    private final RepositoryCatalogueQueries repositories;
    private final CommandGateway commands;
    /** Sources whose recovery is queued or running: one recovery per source at a time. */
    private final Set<RegistryRef> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService recoveries = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outage-recovery");
        t.setDaemon(true);
        return t;
    });

    public RegistryOutageRecovery(RepositoryCatalogueQueries repositories, CommandGateway commands) {
        this.repositories = repositories;
        this.commands = commands;
    }

    /** Requests the held syncs of a source that answers again, in the background. */
    public void resumeSoon(RegistryRef source) {
        if (!pending.add(source)) {
            return;
        }
        try {
            recoveries.execute(() -> {
                pending.remove(source);
                try {
                    resume(source);
                } catch (RuntimeException e) {
                    log.warn("Syncs of registry source {}/{} after its outage not requested: {}", source.namespace(),
                             source.name(), e.getMessage());
                }
            });
        } catch (RejectedExecutionException stopping) {
            pending.remove(source);
        }
    }

    /** Requests the syncs now; returns how many repositories were asked to sync. */
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

    @Override
    public void destroy() {
        recoveries.shutdownNow();
    }
}
