package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.RecordSyncResultCommand;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceDirectory;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The signature answer of a success belongs to its digest: kept while the digest stays, dropped when it moves. */
class SignatureAnswerTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-000000000007");
    private static final RegistryRef SOURCE = new RegistryRef("default", "harbor");
    private static final SyncTarget TARGET = new SyncTarget("default", "app", SOURCE, "team/app", "v1", "10m", 3,
                                                            "sha256:a", false);
    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");

    private AggregateTestFixture<ImageRepository> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImageRepository.class);
        fixture.registerInjectableResource((RepositoryNames) (ns, name) -> Optional.empty());
        fixture.registerInjectableResource((RegistrySourceDirectory) ref -> true);
    }

    private static Object[] syncedOnce(Boolean signed) {
        return new Object[]{
                new RepositoryAddedEvent(ID, "default", "app", null, null, SOURCE, "team/app", "v1", "1h", "10m", 3),
                new SyncSucceededEvent(ID, "run-1", "default", "app", "sha256:a", true, null, List.of(), List.of(),
                                       null, 1, 3, T0, "n1", signed),
                new SyncRequestedEvent(ID, "run-2", SyncTrigger.SCHEDULED, "system:scheduler", TARGET, T0, "o2")};
    }

    private static SyncedManifest manifest(String digest) {
        return new SyncedManifest(digest, "application/vnd.oci.image.manifest.v1+json", "amd64", "linux", null, 1, T0,
                                  List.of(), List.of());
    }

    private void expectSigned(Object[] given, RecordSyncResultCommand when, Boolean signed) {
        fixture.given(given).when(when)
               .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                       Matchers.predicate(p -> p instanceof SyncSucceededEvent s && Objects.equals(s.signed(), signed)),
                       Matchers.andNoMore())));
    }

    @Test
    void anUnchangedDigestKeepsItsAnswer() {
        expectSigned(syncedOnce(true), new RecordSyncResultCommand(ID, "run-2", "sha256:a", null, null, null, 1, 1),
                     true);
        expectSigned(syncedOnce(false), new RecordSyncResultCommand(ID, "run-2", "sha256:a", null, null, null, 1, 1),
                     false);
    }

    @Test
    void aMovedDigestTakesTheNewAnswerOrNone() {
        expectSigned(syncedOnce(true), new RecordSyncResultCommand(ID, "run-2", "sha256:b", manifest("sha256:b"), null,
                                                                   null, 1, 4, false), false);
        expectSigned(syncedOnce(true), new RecordSyncResultCommand(ID, "run-2", "sha256:b", manifest("sha256:b"), null,
                                                                   null, 1, 4, null), null);
    }

    @Test
    void aFoundSignatureOfAnUnchangedDigestIsRecorded() {
        expectSigned(syncedOnce(null), new RecordSyncResultCommand(ID, "run-2", "sha256:a", null, List.of("v1"), null,
                                                                   1, 2, true), true);
    }
}
