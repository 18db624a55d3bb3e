package io.theriseunion.imagegateway.projections.repository;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.domain.repository.ImageRepository;
import io.theriseunion.imagegateway.domain.repository.RepositoryAppearance;
import io.theriseunion.imagegateway.projections.audit.AuditLogQueries;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * A repository as it was at an instant: which repository had the name then (from the audit log, which keeps
 * the trail of deleted ones), and its events up to that instant folded by {@link RepositoryAppearance#after}.
 * The fold starts from the repository's snapshot (the aggregate keeps its appearance; Axon keeps the newest
 * snapshot, taken every 60 events) when that snapshot was taken at or before the instant, so asking for the
 * present reads at most about 60 events; an instant before the newest snapshot is folded from the first event.
 * The metric {@code gateway.time-travel.events} (tag {@code from}: snapshot or first-event) counts what each fold read.
 */
@Component
public class RepositoryTimeTravel {

    private final AuditLogQueries audit;
    private final EventStore events;
    private final DistributionSummary fromSnapshot;
    private final DistributionSummary fromFirstEvent;

    public RepositoryTimeTravel(AuditLogQueries audit, EventStore events, MeterRegistry meters) {
        this.audit = audit;
        this.events = events;
        this.fromSnapshot = summary(meters, "snapshot");
        this.fromFirstEvent = summary(meters, "first-event");
    }

    private static DistributionSummary summary(MeterRegistry meters, String from) {
        return DistributionSummary.builder("gateway.time-travel.events")
                                  .description("events (and snapshots) read to rebuild a repository as of an instant")
                                  .tag("from", from)
                                  .register(meters);
    }

    public Optional<RepositoryView> asOf(String namespace, String name, Instant at) {
        return audit.findRepositoryIdAt(namespace, name, at).map(id -> fold(id, at)).map(RepositoryView::of);
    }

    private RepositoryAppearance fold(String id, Instant at) {
        DomainEventStream stream = events.readEvents(id);
        RepositoryAppearance appearance = null;
        int read = 0;
        DistributionSummary from = fromFirstEvent;
        if (stream.hasNext() && stream.peek().getPayload() instanceof ImageRepository snapshotted) {
            DomainEventMessage<?> snapshot = stream.next();
            read++;
            if (!snapshot.getTimestamp().isAfter(at) && snapshotted.appearance() != null) {
                appearance = snapshotted.appearance(); // every event it holds is at or before the instant
                from = fromSnapshot;
            } else {
                stream = events.readEvents(id, 0); // the newest snapshot is younger than the instant (or of an old form)
            }
        }
        while (stream.hasNext()) {
            DomainEventMessage<?> e = stream.next();
            read++;
            if (e.getTimestamp().isAfter(at)) {
                break;
            }
            appearance = RepositoryAppearance.after(appearance, e.getPayload(), e.getTimestamp());
        }
        from.record(read);
        return appearance;
    }
}
