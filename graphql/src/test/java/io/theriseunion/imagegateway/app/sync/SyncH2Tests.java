package io.theriseunion.imagegateway.app.sync;

import io.micrometer.core.instrument.DistributionSummary;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Syncs on the embedded default. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:sync;DB_CLOSE_DELAY=-1")
class SyncH2Tests extends SyncContract {

    /** On H2 the starts and results of runs that end at the same moment share commits (GroupCommits). */
    @Test
    void runsThatEndTogetherShareCommits() {
        DistributionSummary groups = meters.get("gateway.commands.group.size").summary();
        long commitsBefore = groups.count();
        double commandsBefore = groups.totalAmount();

        addBurstAndAwaitEachRecorded(40);

        long commits = groups.count() - commitsBefore;
        double commands = groups.totalAmount() - commandsBefore;
        assertThat(commands).as("the 40 runs' starts and results").isGreaterThanOrEqualTo(80);
        assertThat(commits).as("commits for %s commands", commands).isLessThan((long) commands);
    }
}
