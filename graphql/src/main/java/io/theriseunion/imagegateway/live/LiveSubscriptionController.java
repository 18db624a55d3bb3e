package io.theriseunion.imagegateway.live;

import io.theriseunion.imagegateway.catalogue.Catalogue;
import io.theriseunion.imagegateway.graphql.audit.AuditLogFilterInput;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.audit.AuditEntry;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** The subscriptions: {@code syncStatusChanged}, {@code repositoryChanged}, {@code auditLogAppended}. */
@Controller
public class LiveSubscriptionController {

    private static final Duration CATALOGUE_WAIT = Duration.ofSeconds(5);

    private final LiveUpdates live;
    private final Catalogue catalogue;
    private final ReadModelProgress progress;

    public LiveSubscriptionController(LiveUpdates live, Catalogue catalogue, ReadModelProgress progress) {
        this.live = live;
        this.catalogue = catalogue;
        this.progress = progress;
    }

    @SubscriptionMapping
    public Flux<SyncStatusChange> syncStatusChanged(@Argument String namespace, @Argument String name) {
        return live.statusChanges(c -> (namespace == null || namespace.equals(c.namespace()))
                && (name == null || name.equals(c.name())));
    }

    @SubscriptionMapping
    public Flux<RepositoryChange> repositoryChanged(@Argument String namespace) {
        return live.repositoryChanges(c -> namespace == null || namespace.equals(c.namespace()));
    }

    @SubscriptionMapping
    public Flux<AuditEntry> auditLogAppended(@Argument AuditLogFilterInput filter) {
        return live.auditEntries(AuditLogFilterInput.toFilter(filter));
    }

    /** The repository once the catalogue shows this change (or later ones); null after a delete. */
    @SchemaMapping(typeName = "RepositoryEvent")
    public RepositoryView repository(RepositoryChange change) {
        if (change.type() == RepositoryChange.Type.DELETED) {
            return null;
        }
        progress.awaitVersions(ReadModelProgress.ReadModel.REPOSITORY_EVENTS,
                               Map.of(change.repositoryId(), change.sequence()), CATALOGUE_WAIT);
        return catalogue.find(change.namespace(), change.name())
                        .filter(r -> Objects.equals(r.id(), change.repositoryId()))
                        .orElse(null);
    }
}
