package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.registry.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log an operator reads while the node's looks for due checks fail ten times a second: one warning for the
 * outage, a reminder every five minutes while it lasts, one line when the checks run again.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledCheckOutageTests {

    private static final Duration POLL = Duration.ofMillis(100);

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final ScheduledCheckOutage outage = new ScheduledCheckOutage(clock, POLL, Duration.ofMinutes(5));

    @Test
    void anOutageIsOneWarningAReminderEveryFiveMinutesAndOneLineWhenChecksRunAgain(CapturedOutput output) {
        outage.ran();
        assertThat(lines(output)).isEmpty();

        failFor(Duration.ofMinutes(4).plusSeconds(59), "Table \"SYNC_CHECK\" not found");
        assertThat(lines(output)).singleElement().asString()
                .contains("WARN")
                .contains("Scheduled checks failed; tried again every 100 ms until they run:"
                          + " Table \"SYNC_CHECK\" not found");

        failFor(Duration.ofMinutes(6), "Connection refused");
        assertThat(lines(output)).hasSize(3);
        assertThat(lines(output).get(1)).contains("WARN")
                .contains("Scheduled checks still failing after 300 s (3001 failed tries); tried again every 100 ms:"
                          + " Connection refused");
        assertThat(lines(output).get(2))
                .contains("Scheduled checks still failing after 10 min (6001 failed tries); tried again every 100 ms:"
                          + " Connection refused");

        outage.ran();
        outage.ran();
        assertThat(lines(output)).hasSize(4);
        assertThat(lines(output).get(3)).contains("INFO")
                .contains("Scheduled checks run again after 10 min of failures (6590 failed tries)");

        // the next outage is told on its own, counted from its own start, with the innermost cause's first line
        for (int i = 0; i < 20; i++) {
            outage.failed(new IllegalStateException("wrapped", new RuntimeException("Disk full\nSQL statement: update")));
            clock.advance(POLL);
        }
        outage.ran();
        assertThat(lines(output)).hasSize(6);
        assertThat(lines(output).get(4))
                .contains("Scheduled checks failed; tried again every 100 ms until they run: Disk full");
        assertThat(lines(output).get(5))
                .contains("Scheduled checks run again after 2000 ms of failures (20 failed tries)");
    }

    @Test
    void aLongOutageIsToldInHoursAndMinutes(CapturedOutput output) {
        failFor(Duration.ofHours(5).plusMinutes(3), "Connection refused");
        outage.ran();

        List<String> lines = lines(output);
        assertThat(lines).hasSize(1 + 60 + 1);
        assertThat(lines.get(60)).contains("Scheduled checks still failing after 5 h (180001 failed tries)");
        assertThat(lines.get(61)).contains("Scheduled checks run again after 5 h 3 min of failures (181800 failed tries)");
    }

    /** Fails a look every poll for the given time, as the node's ticker would; the clock ends at the next look. */
    private void failFor(Duration duration, String cause) {
        for (long i = 0; i < duration.toMillis() / POLL.toMillis(); i++) {
            outage.failed(new IllegalStateException(cause));
            clock.advance(POLL);
        }
    }

    private static List<String> lines(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains("Scheduled checks")).toList();
    }
}
