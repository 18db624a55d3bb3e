package io.theriseunion.imagegateway.app.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What an operator reads in the log while this node's looks for due checks fail (the database refuses the claim: a
 * full disk, a lost table, a failed-over PostgreSQL): the node tries again every {@code gateway.sync.check-poll}, ten
 * times a second by default, so a warning per try would bury the log. One warning when the looks start failing, a
 * reminder with the count every {@code remindEvery} while they go on, one line when checks run again. Used by the one
 * thread that polls, so not thread-safe.
 */
final class ScheduledCheckOutage {

    private static final Logger log = LoggerFactory.getLogger(ScheduledCheckOutage.class);
    /** H2's first line ends announcing the statement it then prints: "Table "X" not found; SQL statement:" */
    private static final Pattern FOLLOWED_BY_STATEMENT = Pattern.compile("(;\\s*SQL statement:?)?\\s*$");

    private final Clock clock;
    private final Duration poll;
    private final Duration remindEvery;
    private Instant since;
    private Instant remindedAt;
    private long failures;

    ScheduledCheckOutage(Clock clock, Duration poll, Duration remindEvery) {
        this.clock = clock;
        this.poll = poll;
        this.remindEvery = remindEvery;
    }

    /** A look for due checks failed. */
    void failed(RuntimeException cause) {
        Instant now = clock.instant();
        failures++;
        if (since == null) {
            since = now;
            remindedAt = now;
            log.warn("Scheduled checks failed; tried again every {} until they run: {}", readable(poll),
                     reason(cause));
        } else if (!now.isBefore(remindedAt.plus(remindEvery))) {
            remindedAt = now;
            log.warn("Scheduled checks still failing after {} ({} failed tries); tried again every {}: {}",
                     readable(Duration.between(since, now)), failures, readable(poll), reason(cause));
        }
    }

    /** A look for due checks went through: ends an outage, if there was one. */
    void ran() {
        if (since == null) {
            return;
        }
        log.info("Scheduled checks run again after {} of failures ({} failed tries)",
                 readable(Duration.between(since, clock.instant())), failures);
        since = null;
        remindedAt = null;
        failures = 0;
    }

    /**
     * The database's own words, not the wrapper's (Spring's "bad SQL grammar [the statement]" does not say what is
     * wrong), and their first line: H2 goes on with the statement.
     */
    private static String reason(RuntimeException failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
                                                    : FOLLOWED_BY_STATEMENT.matcher(message.lines().findFirst()
                                                                                           .orElse("")).replaceFirst("");
    }

    /** "850 ms", "42 s", "12 min", "5 h", "5 h 3 min": a five-hour outage is told in hours, not as 18000 s. */
    private static String readable(Duration duration) {
        if (duration.toMillis() < 10_000) {
            return duration.toMillis() + " ms";
        }
        if (duration.toSeconds() < 600) {
            return duration.toSeconds() + " s";
        }
        long minutes = duration.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
