package io.theriseunion.imagegateway.projections.audit;

import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositorySyncPolicyEditedEvent;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A sync policy edit is an audit entry of its repository with {before, after} of each setting it changed. */
class AuditEntriesSyncPolicyTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-0000000000a7");
    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");

    private static AuditEntry entryOf(RepositorySyncPolicyEditedEvent event) {
        return AuditEntries.of(new GenericDomainEventMessage<>("ImageRepository", ID.value(), 3, event,
                                                               Map.of(RequestOrigin.ACTOR, "alice"), "event-1", T0), 7)
                           .orElseThrow();
    }

    @Test
    void aReplannedEditTellsEachChangedSettingAndTheNextSync() {
        AuditEntry entry = entryOf(new RepositorySyncPolicyEditedEvent(ID, "default", "nginx", "2h", "10m", 5, "1h",
                                                                       "10m", 3, T0.plusSeconds(7200), "next-2"));

        assertThat(entry.action()).isEqualTo("repository.syncpolicy.edited");
        assertThat(entry.actor()).isEqualTo("alice");
        assertThat(entry.targetKind()).isEqualTo(AuditTargetKind.REPOSITORY);
        assertThat(entry.targetId()).isEqualTo(ID.value());
        assertThat(entry.details()).containsExactly(
                Map.entry("syncInterval", Map.of("before", "1h", "after", "2h")),
                Map.entry("retryCount", Map.of("before", 3, "after", 5)),
                Map.entry("nextSyncAt", "2024-01-08T10:00:00Z"));
    }

    @Test
    void anEditThatPlannedNothingHasNoNextSync() {
        AuditEntry entry = entryOf(new RepositorySyncPolicyEditedEvent(ID, "default", "nginx", "1h", "1m", 3, "1h",
                                                                       "10m", 3, null, null));

        assertThat(entry.details()).containsExactly(Map.entry("syncTimeout", Map.of("before", "10m", "after", "1m")));
    }
}
