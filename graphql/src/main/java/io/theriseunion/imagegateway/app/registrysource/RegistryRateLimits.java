package io.theriseunion.imagegateway.app.registrysource;

import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry sources that answered 429: until when each asked us to wait. The syncs of this node wait on the
 * in-memory copy; the table makes the pause visible in the API ({@code Registry.rateLimitedUntil}) on every
 * node, and the gauge {@code gateway.sync.rate_limit_pauses} counts the sources paused now.
 */
@Component
public class RegistryRateLimits {

    private static final Logger log = LoggerFactory.getLogger(RegistryRateLimits.class);

    private final Map<RegistryRef, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final Clock clock;

    @Autowired
    public RegistryRateLimits(JdbcTemplate jdbc, MeterRegistry meters) {
        this(jdbc, meters, Clock.systemUTC());
    }

    /** With the clock that tells whether a pause is over. */
    public RegistryRateLimits(JdbcTemplate jdbc, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        meters.gauge("gateway.sync.rate_limit_pauses", pausedUntil,
                     m -> m.values().stream().filter(until -> until.isAfter(clock.instant())).count());
    }

    /** The end of the source's current pause, if it is paused now. */
    public Optional<Instant> pausedUntil(RegistryRef source) {
        Instant until = pausedUntil.get(source);
        return until != null && until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }

    /** Records that the source asked to wait until {@code until}; a later pause already recorded stays. */
    public void pause(RegistryRef source, Instant until) {
        Instant merged = pausedUntil.merge(source, until, (a, b) -> a.isAfter(b) ? a : b);
        if (!merged.equals(until)) {
            return;
        }
        log.info("Registry source {}/{} rate-limited the gateway; its syncs wait until {}", source.namespace(),
                 source.name(), until);
        OffsetDateTime at = OffsetDateTime.ofInstant(until, ZoneOffset.UTC);
        try {
            if (jdbc.update("update registry_rate_limit set paused_until = ? where namespace = ? and name = ?", at,
                            source.namespace(), source.name()) == 0) {
                jdbc.update("insert into registry_rate_limit (namespace, name, paused_until) values (?, ?, ?)",
                            source.namespace(), source.name(), at);
            }
        } catch (DuplicateKeyException recordedMeanwhile) {
            jdbc.update("update registry_rate_limit set paused_until = ? where namespace = ? and name = ?", at,
                        source.namespace(), source.name());
        } catch (DataAccessException e) {
            log.warn("Pause of registry source {}/{} not recorded: {}", source.namespace(), source.name(),
                     e.getMessage());
        }
    }
}
