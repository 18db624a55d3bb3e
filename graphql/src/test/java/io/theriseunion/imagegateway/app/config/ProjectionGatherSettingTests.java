package io.theriseunion.imagegateway.app.config;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code gateway.projections.gather} as the gateway reads it at start-up, and its former name. */
class ProjectionGatherSettingTests {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
                                                               .storageEngine(new InMemoryEventStorageEngine())
                                                               .build();
    private final AxonConfiguration configuration = new AxonConfiguration();

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void theFormerNameStopsTheStartAndNamesTheSettingToUse() {
        assertThatThrownBy(() -> configuration.gatheredProjectionEvents(store, Duration.ofMillis(100), "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.projections.audit-log-gather (0)")
                .hasMessageContaining("gateway.projections.gather");
    }

    @Test
    void aGatherLongerThanASecondStopsTheStart() {
        assertThatThrownBy(() -> configuration.gatheredProjectionEvents(store, Duration.ofSeconds(2), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.projections.gather must be between 0 (off) and 1s, not PT2S");
    }

    @Test
    void withinItsBoundsTheEventsAreGathered() {
        assertThat(configuration.gatheredProjectionEvents(store, Duration.ZERO, "")).isNotNull();
        assertThat(configuration.gatheredProjectionEvents(store, Duration.ofSeconds(1), "")).isNotNull();
    }
}
