package io.theriseunion.imagegateway.projections.audit;

import io.theriseunion.imagegateway.domain.api.RegistryCredentialsChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryDeletedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncFailedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncStartedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.projections.TestDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit-log projection and its queries on the real schema (H2, migrated by Flyway). */
class AuditLogProjectionTests {

    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");
    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-0000000000c1");
    private static final RegistryRef HARBOR = new RegistryRef("default", "harbor");
    private static final SyncTarget TARGET = new SyncTarget("default", "nginx", HARBOR, "library/nginx", "latest",
                                                            "10m", 3, null, true);
    private static final MetaData ALICE = MetaData.from(
            new RequestOrigin("alice", "10.0.0.7", "curl/8", "corr-1").asMetaData());

    private JdbcTemplate jdbc;
    private AuditLogProjection projection;
    private AuditLogQueries queries;
    private long sequence;

    @BeforeEach
    void migrate() {
        jdbc = TestDatabase.migrated();
        projection = new AuditLogProjection(jdbc);
        queries = new AuditLogQueries(jdbc);
    }

    /** The event as the store keeps it (the projection reads its place there) and as the processor delivers it. */
    private EventMessage<?> stored(String aggregateId, Object payload, MetaData meta, Instant at) {
        long seq = sequence++;
        EventMessage<?> event = new GenericDomainEventMessage<>("Aggregate", aggregateId, seq, payload, meta,
                                                                 UUID.randomUUID().toString(), at);
        jdbc.update("insert into DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, payload,"
                            + " payloadType, timeStamp) values (?, ?, 'Aggregate', ?, ?, ?, ?)",
                    aggregateId, seq, event.getIdentifier(), new byte[]{'{', '}'},
                    payload.getClass().getName(), at.toString());
        return event;
    }

    private EventMessage<?> deliver(Object payload, Instant at) {
        EventMessage<?> event = stored(ID.value(), payload, ALICE, at);
        projection.on(payload, event);
        return event;
    }

    private List<AuditEntry> all() {
        return queries.listOldestFirst(AuditLogFilter.ALL, null, 100);
    }

    @Test
    void everyRepositoryEventIsAnEntryOfItsRepositoryByWhoDidIt() {
        deliver(new RepositoryAddedEvent(ID, "default", "nginx", "Nginx", null, HARBOR, "library/nginx", "latest",
                                         "1h", "10m", 3), T0);
        deliver(new RepositoryMetadataEditedEvent(ID, "default", "nginx", "Nginx 1", null, "Nginx", null),
                T0.plusSeconds(1));
        deliver(new SyncRequestedEvent(ID, "run-1", SyncTrigger.MANUAL, "alice", TARGET, T0, "overdue-1"),
                T0.plusSeconds(2));
        deliver(new SyncStartedEvent(ID, "run-1", "default", "nginx"), T0.plusSeconds(3));
        deliver(new SyncSucceededEvent(ID, "run-1", "default", "nginx", "sha256:a", true, null, List.of("sha256:l1"),
                                       List.of(), null, 1, 2, null, null), T0.plusSeconds(4));
        deliver(new SyncFailedEvent(ID, "run-2", "default", "nginx", new SyncError("NETWORK", "refused", null), 2,
                                    null, null), T0.plusSeconds(5));
        deliver(new RepositoryDeletedEvent(ID, "default", "nginx"), T0.plusSeconds(6));

        assertThat(all()).allSatisfy(entry -> {
            assertThat(entry.targetKind()).isEqualTo(AuditTargetKind.REPOSITORY);
            assertThat(entry.targetId()).isEqualTo(ID.value());
            assertThat(entry.namespace()).isEqualTo("default");
            assertThat(entry.targetName()).isEqualTo("nginx");
            assertThat(entry.actor()).isEqualTo("alice");
        });
        assertThat(all()).extracting(AuditEntry::action)
                         .containsExactly("repository.added", "repository.metadata.edited", "repository.sync.requested",
                                          "repository.sync.started", "repository.sync.succeeded",
                                          "repository.sync.failed", "repository.deleted");
        AuditEntry edit = all().get(1);
        assertThat(edit.details()).isEqualTo(Map.of("displayName", Map.of("before", "Nginx", "after", "Nginx 1")));
        assertThat(edit.correlationId()).isEqualTo("corr-1");
        assertThat(edit.clientAddress()).isEqualTo("10.0.0.7");
        assertThat(edit.userAgent()).isEqualTo("curl/8");
        assertThat(all().get(2).details()).containsEntry("trigger", "MANUAL")
                                          .containsEntry("image", "library/nginx:latest");
    }

    @Test
    void aRedeliveredEventIsWrittenOnce() {
        EventMessage<?> added = deliver(new RepositoryAddedEvent(ID, "default", "nginx", null, null, HARBOR,
                                                                 "library/nginx", "latest", "1h", "10m", 3), T0);
        EventMessage<?> synced = deliver(new SyncSucceededEvent(ID, "run-1", "default", "nginx", "sha256:a", true, null,
                                                                List.of(), List.of(), null, 1, 2, null, null),
                                         T0.plusSeconds(1));
        List<AuditEntry> once = all();

        projection.on(added.getPayload(), added);
        projection.on(synced.getPayload(), synced);

        assertThat(all()).usingRecursiveFieldByFieldElementComparator().isEqualTo(once);
    }

    @Test
    void aRegistryEventIsAnEntryOfItsSourceWithoutItsSecret() {
        RegistrySourceId source = RegistrySourceId.of("default", "harbor");
        EventMessage<?> event = stored(source.value(), new RegistryCredentialsChangedEvent(source, "default", "harbor",
                                                                                           "robot", true),
                                       MetaData.emptyInstance(), T0);
        projection.on(event.getPayload(), event);

        AuditEntry entry = all().get(0);
        assertThat(entry.action()).isEqualTo("registry.credentials.changed");
        assertThat(entry.targetKind()).isEqualTo(AuditTargetKind.REGISTRY);
        assertThat(entry.targetId()).isEqualTo("default/harbor");
        assertThat(entry.actor()).isEqualTo("system");
        assertThat(entry.details()).isEqualTo(Map.of("username", "robot", "hasPassword", true));
    }

    @Test
    void theLogTellsWhichRepositoryHadANameAtAnInstant() {
        deliver(new RepositoryAddedEvent(ID, "default", "nginx", null, null, HARBOR, "library/nginx", "latest", "1h",
                                         "10m", 3), T0);
        deliver(new RepositoryDeletedEvent(ID, "default", "nginx"), T0.plusSeconds(10));
        RepositoryId second = RepositoryId.of("5f0c7a1e-0000-4000-8000-0000000000c2");
        EventMessage<?> again = stored(second.value(), new RepositoryAddedEvent(
                second, "default", "nginx", null, null, HARBOR, "library/nginx", "1.25", "1h", "10m", 3), ALICE,
                                       T0.plusSeconds(20));
        projection.on(again.getPayload(), again);

        assertThat(queries.findRepositoryIdAt("default", "nginx", T0.minusSeconds(1))).isEmpty();
        assertThat(queries.findRepositoryIdAt("default", "nginx", T0.plusSeconds(5))).contains(ID.value());
        assertThat(queries.findRepositoryIdAt("default", "nginx", T0.plusSeconds(15))).isEmpty();
        assertThat(queries.findRepositoryIdAt("default", "nginx", T0.plusSeconds(25))).contains(second.value());
    }

    @Test
    void resetEmptiesTheLog() {
        deliver(new RepositoryDeletedEvent(ID, "default", "nginx"), T0);
        projection.reset();
        assertThat(all()).isEmpty();
    }

    /**
     * Each page the log's screens read comes straight from an index in its order (no sort of every matching entry),
     * the unfiltered newest-first page from the primary key read backwards, without an index of its own (one index
     * fewer to write per entry). Not covered: an export filtered by actor, oldest first, which sorts.
     */
    @Test
    void everyPageIsReadInTheOrderOfAnIndex() {
        for (int i = 0; i < 40; i++) {
            deliver(new RepositoryDeletedEvent(ID, "ns" + (i % 4), "nginx"), T0.plusSeconds(i));
        }
        List<String> sqls = new java.util.ArrayList<>();
        List<Object[]> args = new java.util.ArrayList<>();
        AuditLogQueries recorded = new AuditLogQueries(new JdbcTemplate(jdbc.getDataSource()) {
            @Override
            public <T> List<T> query(String sql, org.springframework.jdbc.core.RowMapper<T> rowMapper, Object... a) {
                sqls.add(sql);
                args.add(a);
                return super.query(sql, rowMapper, a);
            }
        });
        for (AuditLogFilter filter : List.of(AuditLogFilter.ALL,
                                             new AuditLogFilter(null, null, null, null, List.of("repository.deleted"),
                                                                null, null),
                                             new AuditLogFilter(null, "ns1", null, null, null, null, null),
                                             new AuditLogFilter("alice", null, null, null, null, null, null),
                                             new AuditLogFilter(null, "ns1", AuditTargetKind.REPOSITORY, "nginx", null,
                                                                null, null))) {
            recorded.listNewestFirst(filter, null, 5);
            recorded.listNewestFirst(filter, 30L, 5);
            if (filter.actor() == null) { // an export by actor (oldest first) sorts that actor's entries: no index
                recorded.listOldestFirst(filter, null, 5);
                recorded.listOldestFirst(filter, 3L, 5);
            }
        }
        recorded.listOfTarget(ID.value(), null, 5);
        recorded.listOfTarget(ID.value(), 3L, 5);
        for (int i = 0; i < sqls.size(); i++) {
            String plan = jdbc.queryForObject("explain " + sqls.get(i), String.class, args.get(i));
            assertThat(plan).as(sqls.get(i)).contains("/* index sorted */");
        }
        long newest = jdbc.queryForObject("select max(position) from audit_entry", Long.class);
        assertThat(queries.listNewestFirst(AuditLogFilter.ALL, null, 3)).extracting(AuditEntry::position)
                                                                       .containsExactly(newest, newest - 1, newest - 2);
    }
}
