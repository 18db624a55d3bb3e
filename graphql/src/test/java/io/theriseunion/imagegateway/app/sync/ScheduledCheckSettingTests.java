package io.theriseunion.imagegateway.app.sync;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scheduled checks' settings as the gateway reads them at start-up: one out of bounds stops it, named. */
class ScheduledCheckSettingTests {

    private final SyncConfiguration configuration = new SyncConfiguration();

    @Test
    void aCheckPollUnderTenMillisecondsStopsTheStart() {
        assertThatThrownBy(() -> configuration.syncNode(null, null, null, Duration.ZERO, Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.sync.check-poll must be at least 10ms, not PT0S");
        assertThatThrownBy(() -> configuration.syncNode(null, null, null, Duration.ofMillis(-100),
                                                        Duration.ofSeconds(20)))
                .hasMessage("gateway.sync.check-poll must be at least 10ms, not PT-0.1S");
    }

    @Test
    void aCheckBatchClaimOrRecordWindowOutOfBoundsStopsTheStart() {
        assertThatThrownBy(() -> configuration.scheduledChecks(null, null, null, null, null, 0, Duration.ofMinutes(10),
                                                               Duration.ofMillis(20), Duration.ofMillis(100)))
                .hasMessage("gateway.sync.check-batch must be at least 1, not 0");
        assertThatThrownBy(() -> configuration.scheduledChecks(null, null, null, null, null, 32, Duration.ofSeconds(5),
                                                               Duration.ofMillis(20), Duration.ofMillis(100)))
                .hasMessage("gateway.sync.check-claim must be at least 10s, not PT5S");
        assertThatThrownBy(() -> configuration.scheduledChecks(null, null, null, null, null, 32, Duration.ofMinutes(10),
                                                               Duration.ofSeconds(11), Duration.ofMillis(100)))
                .hasMessage("gateway.sync.check-record-within must be between 0 and 10s, not PT11S");
    }

    @Test
    void checksAreClaimedTwoPollsAheadButAtMostAQuarterOfTheirClaim() {
        assertThat(SyncConfiguration.checkLead(Duration.ofMillis(100), Duration.ofMinutes(10)))
                .isEqualTo(Duration.ofMillis(200));
        assertThat(SyncConfiguration.checkLead(Duration.ofMinutes(5), Duration.ofMinutes(10)))
                .isEqualTo(Duration.ofSeconds(150));
    }
}
