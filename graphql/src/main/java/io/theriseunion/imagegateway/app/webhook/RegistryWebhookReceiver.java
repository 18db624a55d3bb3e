package io.theriseunion.imagegateway.app.webhook;

import io.theriseunion.imagegateway.app.origin.CurrentOrigin;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.TriggerSyncCommand;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a registry's pushes into WEBHOOK syncs of the repositories of that source whose path and tag match. A
 * webhook is a hint: a push whose digest the repository already shows is done; anything else asks for a sync
 * (which joins a run already open, and confirms the digest with the registry itself).
 */
@Component
public class RegistryWebhookReceiver {

    private static final Logger log = LoggerFactory.getLogger(RegistryWebhookReceiver.class);

    private final RepositoryCatalogueQueries repositories;
    private final CommandGateway commands;

    public RegistryWebhookReceiver(RepositoryCatalogueQueries repositories, CommandGateway commands) {
        this.repositories = repositories;
        this.commands = commands;
    }

    /** Requests the syncs; returns how many repositories were asked to sync. */
    public int receive(String namespace, String registryName, List<PushedImage> pushes) {
        RegistryRef source = new RegistryRef(namespace, registryName);
        Set<String> due = new LinkedHashSet<>();
        for (PushedImage push : pushes) {
            for (RepositoryView repository : repositories.listOfImage(source, push.repository(), push.tag())) {
                if (push.digest() == null || !push.digest().equals(repository.digest())) {
                    due.add(repository.id());
                }
            }
        }
        RequestOrigin origin = CurrentOrigin.get();
        RequestOrigin webhook = new RequestOrigin(RequestOrigin.WEBHOOK, origin == null ? null : origin.clientAddress(),
                                                  origin == null ? null : origin.userAgent(),
                                                  origin == null ? null : origin.correlationId());
        for (String id : due) {
            commands.send(GenericCommandMessage.asCommandMessage(
                                  new TriggerSyncCommand(RepositoryId.of(id), SyncTrigger.WEBHOOK, RequestOrigin.WEBHOOK))
                                               .andMetaData(webhook.asMetaData()))
                    .exceptionally(failure -> {
                        log.info("Webhook sync of repository {} not requested: {}", id, failure.getMessage());
                        return null;
                    });
        }
        return due.size();
    }
}
