package io.theriseunion.imagegateway.app.operations;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Readiness by the read models' lag, not by who runs them: a node is ready while each processor of
 * {@code gateway.projections.readiness-processors} (by default the two catalogues, which mutations wait for) is at
 * most {@code gateway.projections.readiness-max-lag} events behind the event store's head (a processor that is being
 * rebuilt, after a reset, does not count; nor does one that has no token yet). Every processor's lag is shown. Which node holds a processor's segments does not
 * matter: every node reads the same tables. Part of the readiness group ({@code /actuator/health/readiness}), never of
 * liveness, so a lagging read model takes nodes out of the load balancer but never restarts them.
 */
@Component("projectionLag")
public class ProjectionLagHealthIndicator extends AbstractHealthIndicator {

    private final ProcessorPositions positions;
    private final long maxLag;
    private final Set<String> counted;

    public ProjectionLagHealthIndicator(ProcessorPositions positions,
                                        @Value("${gateway.projections.readiness-max-lag:10000}") long maxLag,
                                        @Value("${gateway.projections.readiness-processors:"
                                                + "repository-catalogue,registry-catalogue}") Set<String> counted) {
        super("projection lag could not be read");
        if (maxLag < 0) {
            throw new IllegalArgumentException("gateway.projections.readiness-max-lag must be at least 0, not " + maxLag);
        }
        this.positions = positions;
        this.maxLag = maxLag;
        this.counted = Set.copyOf(counted);
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        long head = positions.head();
        Map<String, Long> lags = new LinkedHashMap<>();
        boolean behind = false;
        for (Map.Entry<String, List<ProcessorPositions.Segment>> processor : positions.segments().entrySet()) {
            List<ProcessorPositions.Segment> segments = processor.getValue();
            long slowest = segments.stream().mapToLong(ProcessorPositions.Segment::position).min().orElse(-1);
            long lag = ProjectionsEndpoint.lag(head, slowest);
            lags.put(processor.getKey(), lag);
            behind |= counted.contains(processor.getKey()) && lag > maxLag && segments.stream().noneMatch(ProcessorPositions.Segment::replaying);
        }
        (behind ? health.outOfService() : health.up()).withDetail("maxLag", maxLag).withDetail("lag", lags);
    }
}
