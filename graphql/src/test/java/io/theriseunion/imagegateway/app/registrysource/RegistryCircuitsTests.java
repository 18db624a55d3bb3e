package io.theriseunion.imagegateway.app.registrysource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.sync.SyncWorkers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The breaker of each registry source: when it opens, what closes it, and what its gauges show. */
class RegistryCircuitsTests {

    private static final RegistryRef DOWN = new RegistryRef("team", "down");
    private static final RegistryRef OTHER = new RegistryRef("team", "other");
    private static final IOException REFUSED = new ConnectException("Connection refused");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SyncWorkers workers = new SyncWorkers(2, 1, source -> 1, Clock.systemUTC());
    private final RegistryCircuits circuits = new RegistryCircuits(3, meters, new StaticListableBeanFactory(
            Map.of("syncWorkers", workers)).getBeanProvider(SyncWorkers.class));

    @AfterEach
    void close() {
        workers.close();
    }

    @Test
    void theLastOfNConnectionFailuresInARowOpensTheSourcesBreakerAlone() {
        circuits.connectionFailed(DOWN, REFUSED);
        circuits.connectionFailed(DOWN, REFUSED);
        assertThat(circuits.unavailableSince(DOWN)).isEmpty();

        Instant before = Instant.now();
        circuits.connectionFailed(DOWN, REFUSED);

        assertThat(circuits.unavailableSince(DOWN)).hasValueSatisfying(since -> assertThat(since).isAfterOrEqualTo(before));
        assertThat(circuits.unavailableSince(OTHER)).isEmpty();
        assertThat(circuits.unavailable()).containsExactly(DOWN);
    }

    @Test
    void anAnswerBetweenFailuresStartsTheCountAgain() {
        circuits.connectionFailed(DOWN, REFUSED);
        circuits.connectionFailed(DOWN, REFUSED);
        circuits.answered(DOWN);
        circuits.connectionFailed(DOWN, REFUSED);
        circuits.connectionFailed(DOWN, REFUSED);

        assertThat(circuits.unavailableSince(DOWN)).isEmpty();
    }

    @Test
    void aHealthCheckWithoutAnswerOpensItAndAProbeThatIsAnsweredClosesItOnce() {
        assertThat(circuits.markUnreachable(DOWN)).isTrue();
        assertThat(circuits.markUnreachable(DOWN)).as("already open").isFalse();
        Instant since = circuits.unavailableSince(DOWN).orElseThrow();
        // syncs still finishing while it is open change nothing
        circuits.answered(DOWN);
        assertThat(circuits.unavailableSince(DOWN)).contains(since);

        assertThat(circuits.markReachable(DOWN)).isTrue();
        assertThat(circuits.markReachable(DOWN)).as("already closed").isFalse();
        assertThat(circuits.unavailableSince(DOWN)).isEmpty();
        assertThat(circuits.markReachable(OTHER)).as("never seen").isFalse();
    }

    @Test
    void gaugesShowTheBreakerAndTheSourcesBacklog() {
        circuits.markUnreachable(DOWN);
        workers.park(DOWN, Instant.now().plusSeconds(600), new SyncWorkers.Task() {
            @Override
            public void run() {
            }

            @Override
            public Instant deadline() {
                return null;
            }

            @Override
            public void overtime() {
            }
        });

        assertThat(meters.get("gateway.sync.circuit.open").tag("source", "team/down").gauge().value()).isEqualTo(1);
        assertThat(meters.get("gateway.sync.backlog").tag("source", "team/down").tag("state", "waiting").gauge()
                         .value()).isEqualTo(1);
        assertThat(meters.get("gateway.sync.backlog").tag("source", "team/down").tag("state", "queued").gauge()
                         .value()).isEqualTo(0);
        circuits.markReachable(DOWN);
        assertThat(meters.get("gateway.sync.circuit.open").tag("source", "team/down").gauge().value()).isEqualTo(0);
    }

    @Test
    void aRemovedSourceLosesItsBreakerAndGauges() {
        circuits.markUnreachable(DOWN);
        circuits.forget(DOWN);

        assertThat(circuits.unavailable()).isEmpty();
        assertThat(meters.find("gateway.sync.circuit.open").tag("source", "team/down").gauge()).isNull();
        assertThat(meters.find("gateway.sync.backlog").tag("source", "team/down").gauges()).isEmpty();
    }

    @Test
    void aSettingBelowOneIsRefusedByName() {
        assertThatThrownBy(() -> new RegistryCircuits(0, meters, new StaticListableBeanFactory()
                .getBeanProvider(SyncWorkers.class)))
                .hasMessageContaining("gateway.sync.circuit.failures-to-open").hasMessageContaining("at least 1");
    }
}
