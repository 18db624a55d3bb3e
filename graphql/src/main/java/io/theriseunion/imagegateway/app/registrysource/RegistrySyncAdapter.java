package io.theriseunion.imagegateway.app.registrysource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncError;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncedLayer;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.domain.api.SyncedPlatform;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceRules;
import io.theriseunion.imagegateway.domain.sync.RegistryPort;
import io.theriseunion.imagegateway.domain.sync.SyncAttempt;
import io.theriseunion.imagegateway.domain.sync.SyncOutcome;
import io.theriseunion.imagegateway.domain.sync.SyncStep;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import io.theriseunion.imagegateway.registry.ImageManifest;
import io.theriseunion.imagegateway.registry.Layer;
import io.theriseunion.imagegateway.registry.ManifestHead;
import io.theriseunion.imagegateway.registry.RegistryClient;
import io.theriseunion.imagegateway.registry.RegistryEndpoint;
import io.theriseunion.imagegateway.registry.RegistryErrorCode;
import io.theriseunion.imagegateway.registry.RegistryException;
import io.theriseunion.imagegateway.registry.Signatures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sync process's way to registries, with the OCI client: a HEAD first, and the manifest, configs and
 * tags only when the digest moved (or tags were asked for). Transient failures (network, timeouts, 5xx, 429)
 * are retried with exponential backoff and jitter, honouring Retry-After, never past the run's deadline; a
 * 429 also pauses the whole source until its Retry-After, so its other syncs wait instead of hammering it.
 * It never sleeps: each call is one try, and a wait (backoff or pause) is answered as the time to try again,
 * which the sync process waits out without holding a worker.
 */
@Component
public class RegistrySyncAdapter implements RegistryPort {

    private static final Duration BASE_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final RegistryClient client;
    private final RegistryEndpoints endpoints;
    private final RegistryCatalogueQueries registries;
    private final RegistryRequests requests;
    private final MeterRegistry meters;
    private final Clock clock;
    private final RegistryRateLimits rateLimits;
    private final RegistryCircuits circuits;
    /** the meters of each outcome code, looked up once rather than on every sync */
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    @Autowired
    public RegistrySyncAdapter(RegistryClient client, RegistryEndpoints endpoints, RegistryCatalogueQueries registries,
                               RegistryRequests requests, RegistryRateLimits rateLimits, RegistryCircuits circuits,
                               MeterRegistry meters) {
        this(client, endpoints, registries, requests, rateLimits, circuits, meters, Clock.systemUTC());
    }

    /** With the clock that backoffs, pauses and durations are measured on. */
    public RegistrySyncAdapter(RegistryClient client, RegistryEndpoints endpoints, RegistryCatalogueQueries registries,
                               RegistryRequests requests, RegistryRateLimits rateLimits, RegistryCircuits circuits,
                               MeterRegistry meters, Clock clock) {
        this.circuits = circuits;
        this.client = client;
        this.endpoints = endpoints;
        this.registries = registries;
        this.requests = requests;
        this.rateLimits = rateLimits;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public int concurrencyLimit(RegistryRef source) {
        return registries.find(source.namespace(), source.name())
                         .map(RegistryView::concurrencyLimit).orElse(RegistrySourceRules.DEFAULT_CONCURRENCY);
    }

    /** The source's breaker is open on this node: the run ends as SOURCE_UNAVAILABLE, counted as its outcome. */
    @Override
    public Optional<SyncError> endWithoutTrying(SyncTarget target) {
        Optional<SyncError> held = heldBack(target);
        held.ifPresent(error -> meters.counter("gateway.sync.outcomes", "code", error.code()).increment());
        return held;
    }

    private Optional<SyncError> heldBack(SyncTarget target) {
        return circuits.unavailableSince(target.registry())
                       .map(since -> shownTo(target, unavailable(target, since)));
    }

    @Override
    public SyncStep attempt(SyncAttempt attempt) {
        return attempt(attempt, this::source);
    }

    /**
     * For one batch of scheduled checks: each source's settings, credentials and endpoint are read once for the
     * whole batch (a few seconds), instead of three queries per check; a source edited meanwhile applies from the
     * next batch.
     */
    @Override
    public RegistryPort forBatch() {
        Map<RegistryRef, Optional<Source>> sources = new ConcurrentHashMap<>();
        Function<RegistryRef, Optional<Source>> once = ref -> sources.computeIfAbsent(ref, this::source);
        return new RegistryPort() {
            @Override
            public SyncStep attempt(SyncAttempt attempt) {
                return RegistrySyncAdapter.this.attempt(attempt, once);
            }

            @Override
            public Optional<SyncError> endWithoutTrying(SyncTarget target) {
                return RegistrySyncAdapter.this.endWithoutTrying(target);
            }

            @Override
            public int concurrencyLimit(RegistryRef source) {
                return once.apply(source).map(s -> s.view().concurrencyLimit())
                           .orElse(RegistrySourceRules.DEFAULT_CONCURRENCY);
            }
        };
    }

    /** A source's settings and the endpoint (URL, credentials, CA) its calls use. */
    private record Source(RegistryView view, RegistryEndpoint endpoint) {
    }

    private Optional<Source> source(RegistryRef ref) {
        return registries.find(ref.namespace(), ref.name()).map(view -> new Source(view, endpoints.of(view)));
    }

    private SyncStep attempt(SyncAttempt attempt, Function<RegistryRef, Optional<Source>> sources) {
        RegistryRequests.Counted<SyncStep> counted = requests.counting(() -> tryOnce(attempt, sources));
        if (counted.value() instanceof SyncStep.RetryAt retry) {
            return new SyncStep.RetryAt(retry.at(), retry.attempts(), counted.requests());
        }
        SyncOutcome outcome = ((SyncStep.Finished) counted.value()).outcome();
        SyncOutcome result = new SyncOutcome(outcome.digest(), outcome.manifest(), outcome.tags(),
                                             shownTo(attempt.target(), outcome.error()),
                                             outcome.attempts(), counted.requests(), outcome.signed());
        String code = result.error() == null ? (result.manifest() == null ? "UNCHANGED" : "CHANGED") : result.error().code();
        Instant startedAt = attempt.runStartedAt() == null ? clock.instant() : attempt.runStartedAt();
        durations.computeIfAbsent(code, c -> Timer.builder("gateway.sync.duration").description("Duration of sync runs")
                                                  .tag("outcome", c).publishPercentileHistogram().register(meters))
                 .record(Duration.between(startedAt, clock.instant()));
        outcomes.computeIfAbsent(code, c -> meters.counter("gateway.sync.outcomes", "code", c)).increment();
        return new SyncStep.Finished(result);
    }

    /**
     * A repository that uses another namespace's (shared) source sees what failed, never where: the source's
     * host, redirect targets and realms stay with the source, whose own health detail its namespace can read.
     */
    static SyncError shownTo(SyncTarget target, SyncError error) {
        if (error == null || target.registry() == null || target.registry().namespace().equals(target.namespace())) {
            return error;
        }
        return new SyncError(error.code(), "registry source " + target.registry().namespace() + "/"
                + target.registry().name() + " failed with " + error.code()
                + (error.httpStatus() == null ? "" : " (HTTP " + error.httpStatus() + ")")
                + "; its namespace's members see the details on the source", error.httpStatus());
    }

    /**
     * One try, or the time to try again: the source's pause (a 429 of any of its syncs) is waited out by the
     * sync process, holding no worker, and so is the backoff after a transient failure.
     */
    private SyncStep tryOnce(SyncAttempt a, Function<RegistryRef, Optional<Source>> sources) {
        SyncTarget target = a.target();
        Instant deadline = a.deadline();
        Source source = sources.apply(target.registry()).orElse(null);
        if (source == null) {
            return finished(SyncOutcome.failed(new SyncError("NOT_FOUND", "registry source "
                    + target.registry().namespace() + "/" + target.registry().name() + " does not exist", null), 1, 0));
        }
        SyncError held = heldBack(target).orElse(null);
        if (held != null) {
            return finished(SyncOutcome.failed(held, a.attemptsBefore(), 0));
        }
        int attempts = a.attemptsBefore() + 1;
        Instant until = rateLimits.pausedUntil(target.registry()).orElse(null);
        if (until != null) {
            if (!until.isBefore(deadline)) {
                return finished(SyncOutcome.failed(new SyncError("RATE_LIMITED", "the registry asked to wait until "
                        + until + ", past this sync's syncTimeout", 429), attempts, 0));
            }
            return new SyncStep.RetryAt(until, a.attemptsBefore(), 0);
        }
        RegistryEndpoint endpoint = source.endpoint();
        String path = endpoint.repositoryPath(target.repository());
        try {
            SyncOutcome read = read(endpoint, path, target, attempts, deadline);
            circuits.answered(target.registry());
            return finished(read);
        } catch (RegistryException e) {
            switch (e.code()) {
                case NETWORK -> circuits.connectionFailed(target.registry(), e);
                // no answer either way, but no sign of a refused connection: the health check decides
                case TIMEOUT, FORBIDDEN_HOST -> {
                }
                default -> circuits.answered(target.registry());
            }
            Instant pausedUntil = null;
            if (e.retryAfter() != null && e.code() == RegistryErrorCode.RATE_LIMITED) {
                pausedUntil = clock.instant().plus(e.retryAfter());
                rateLimits.pause(target.registry(), pausedUntil);
            }
            Instant retryAt = clock.instant().plus(backoff(attempts, e.retryAfter()));
            boolean retry = e.transientFailure() && attempts <= target.retryCount() && retryAt.isBefore(deadline);
            if (!retry) {
                String message = pausedUntil == null ? e.getMessage()
                        : e.getMessage() + "; the source's syncs wait until " + pausedUntil;
                return finished(SyncOutcome.failed(new SyncError(e.code().name(), message, e.httpStatus()), attempts, 0));
            }
            return new SyncStep.RetryAt(retryAt, attempts, 0);
        }
    }

    /** The source's breaker is open: the sync ends now, without a request and without retries. */
    private static SyncError unavailable(SyncTarget target, Instant since) {
        return new SyncError(RegistryOutageRecovery.SOURCE_UNAVAILABLE, "registry source "
                + target.registry().namespace() + "/" + target.registry().name() + " is unavailable since " + since
                + " (its health check or its syncs found no answer); its syncs are not tried until a probe finds it"
                + " answering, then they run again by themselves", null);
    }

    private static SyncStep finished(SyncOutcome outcome) {
        return new SyncStep.Finished(outcome);
    }

    /** Every registry call of the run stops at its deadline (TIMEOUT), requests in flight and tag paging included. */
    private SyncOutcome read(RegistryEndpoint endpoint, String path, SyncTarget target, int attempts,
                             Instant deadline) {
        ManifestHead head = client.head(endpoint, path, target.tag(), deadline);
        boolean changed = !head.digest().equals(target.knownDigest());
        if (!changed && !target.refreshTags()) {
            return new SyncOutcome(head.digest(), null, null, null, attempts, 0);
        }
        SyncedManifest manifest = changed ? toDomain(client.inspect(endpoint, path, head.digest(), deadline)) : null;
        List<String> tags = client.tags(endpoint, path, deadline);
        return new SyncOutcome(head.digest(), manifest, tags, null, attempts, 0,
                               signed(endpoint, path, head.digest(), tags, changed, deadline));
    }

    /**
     * Whether the digest is signed, looked for only when it moved (an unchanged digest keeps its answer): cosign's
     * {@code sha256-<hex>.sig} tag in the tags this run listed anyway, else one referrers request. A registry
     * without the referrers API (404) has no signature there; any other failure leaves the answer unknown (null)
     * and never fails the sync. An unchanged digest whose tags were listed (a manual sync) is signed when its
     * cosign tag is there, and otherwise not asked about.
     */
    private Boolean signed(RegistryEndpoint endpoint, String path, String digest, List<String> tags, boolean changed,
                           Instant deadline) {
        if (Signatures.signedByTag(tags, digest)) {
            return true;
        }
        if (!changed) {
            return null;
        }
        try {
            return Signatures.signedByReferrer(client.referrers(endpoint, path, digest, deadline));
        } catch (RegistryException e) {
            return e.code() == RegistryErrorCode.NOT_FOUND ? false : null;
        }
    }

    private static Duration backoff(int attempt, Duration retryAfter) {
        long exp = BASE_BACKOFF.toMillis() * (1L << Math.min(attempt - 1, 10));
        long capped = Math.min(exp, MAX_BACKOFF.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration wait = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }

    static SyncedManifest toDomain(ImageManifest m) {
        return new SyncedManifest(m.digest(), m.mediaType(), m.architecture(), m.os(), m.variant(), m.size(),
                                  m.created(), layers(m.layers()),
                                  m.platforms().stream()
                                   .map(p -> new SyncedPlatform(p.os(), p.architecture(), p.variant(), p.digest(),
                                                                p.size(), layers(p.layers())))
                                   .toList());
    }

    private static List<SyncedLayer> layers(List<Layer> layers) {
        return layers == null ? List.of()
                : layers.stream().map(l -> new SyncedLayer(l.digest(), l.size(), l.mediaType())).toList();
    }
}
