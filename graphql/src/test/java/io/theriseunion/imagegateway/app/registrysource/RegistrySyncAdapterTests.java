package io.theriseunion.imagegateway.app.registrysource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.theriseunion.imagegateway.app.credentials.CredentialProperties;
import io.theriseunion.imagegateway.app.credentials.RegistryCredentialStore;
import io.theriseunion.imagegateway.domain.api.RegistryHealth;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.sync.SyncAttempt;
import io.theriseunion.imagegateway.domain.sync.SyncOutcome;
import io.theriseunion.imagegateway.domain.sync.SyncStep;
import io.theriseunion.imagegateway.domain.sync.SyncWorkers;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import io.theriseunion.imagegateway.registry.RegistryClient;
import io.theriseunion.imagegateway.registry.RegistryNetworkPolicy;
import io.theriseunion.imagegateway.registry.Signatures;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.PushedImage;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import io.theriseunion.imagegateway.support.MigratedH2;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The registry adapter's decisions for one try of a sync, on a clock the test holds still: what a transient
 * failure is retried at (a backoff, or the registry's Retry-After, never past the run's deadline, never more
 * often than the repository's retryCount), how a 429 pauses the whole source, and how an open breaker ends a
 * run without a request. Faults come from a MockWebServer, successes from a real docker-registry.
 */
class RegistrySyncAdapterTests {

    private static final RegistryRef SOURCE = new RegistryRef("team", "hub");
    private static final RegistryNetworkPolicy LOOPBACK = RegistryNetworkPolicy.defaults().withLoopback(true, null);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RegistryRequests requests = new RegistryRequests(meters);
    private final RegistryCatalogueQueries registries = mock(RegistryCatalogueQueries.class);
    private final RegistryCircuits circuits = new RegistryCircuits(3, meters, new StaticListableBeanFactory()
            .getBeanProvider(SyncWorkers.class));
    private final MockWebServer server = new MockWebServer();
    private Instant now;
    private Clock clock;
    private RegistryClient client;
    private JdbcTemplate jdbc;
    private RegistryRateLimits rateLimits;
    private RegistrySyncAdapter adapter;

    @BeforeEach
    void start() throws IOException {
        JdbcDataSource ds = MigratedH2.inMemory();
        jdbc = new JdbcTemplate(ds);
        // the registry client keeps to the deadlines on the real clock: the test's clock stands at the real now
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock = Clock.fixed(now, ZoneOffset.UTC);
        client = RegistryClient.builder().networkPolicy(LOOPBACK).requestListener(requests).build();
        rateLimits = new RegistryRateLimits(jdbc, meters, clock);
        RegistryEndpoints endpoints = new RegistryEndpoints(new RegistryCredentialStore(jdbc, new CredentialProperties(
                null, null, false)));
        adapter = new RegistrySyncAdapter(client, endpoints, registries, requests, rateLimits, circuits, meters, clock);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        sourceAt("http://127.0.0.1:" + server.getPort());
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    @Test
    void aChangedDigestReadsManifestAndTagsAndAnUnchangedOneCostsOneHead() {
        try (LocalRegistry registry = LocalRegistry.anonymous()) {
            sourceAt(registry.url().toString());
            PushedImage image = registry.images().pushOciImage("team/app", "1.0");

            SyncOutcome first = finished(adapter.attempt(attempt(target("team/app", null, false, 3), 0,
                                                                  now.plusSeconds(60))));
            assertThat(first.error()).isNull();
            assertThat(first.digest()).isEqualTo(image.digest());
            assertThat(first.manifest().digest()).isEqualTo(image.digest());
            assertThat(first.manifest().layerDigests()).isNotEmpty();
            assertThat(first.tags()).containsExactly("1.0");
            assertThat(first.attempts()).isEqualTo(1);
            assertThat(first.requests()).isGreaterThan(1);

            SyncOutcome again = finished(adapter.attempt(attempt(target("team/app", image.digest(), false, 3), 0,
                                                                  now.plusSeconds(60))));
            assertThat(again.digest()).isEqualTo(image.digest());
            assertThat(again.manifest()).as("unchanged: nothing read beyond the HEAD").isNull();
            assertThat(again.tags()).isNull();
            assertThat(again.requests()).isEqualTo(1);
            assertThat(meters.get("gateway.sync.outcomes").tag("code", "CHANGED").counter().count()).isEqualTo(1);
            assertThat(meters.get("gateway.sync.outcomes").tag("code", "UNCHANGED").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void aTransientFailureIsTriedAgainAfterABackoffWithinTheDeadline() {
        answer(new MockResponse.Builder().code(503).build());

        SyncStep step = adapter.attempt(attempt(target("team/app", null, false, 3), 0, now.plusSeconds(300)));

        assertThat(step).isInstanceOfSatisfying(SyncStep.RetryAt.class, retry -> {
            // the first backoff is half a second, jittered down to no less than half of it
            assertThat(retry.at()).isBetween(now.plusMillis(250), now.plusMillis(500));
            assertThat(retry.attempts()).isEqualTo(1);
            assertThat(retry.requests()).isEqualTo(1);
        });
    }

    @Test
    void theBackoffGrowsWithTheAttemptsAndIsCapped() {
        answer(new MockResponse.Builder().code(503).build());

        SyncStep fourth = adapter.attempt(attempt(target("team/app", null, false, 20), 3, now.plusSeconds(300)));
        SyncStep late = adapter.attempt(attempt(target("team/app", null, false, 20), 15, now.plusSeconds(300)));

        assertThat(((SyncStep.RetryAt) fourth).at()).isBetween(now.plusSeconds(2), now.plusSeconds(4));
        assertThat(((SyncStep.RetryAt) late).at()).isBetween(now.plusSeconds(15), now.plusSeconds(30));
        assertThat(((SyncStep.RetryAt) late).attempts()).isEqualTo(16);
    }

    @Test
    void noTryIsPlannedPastTheDeadline() {
        answer(new MockResponse.Builder().code(503).build());

        // the eighth try would wait 15 to 30 s; the run has 10 s left
        SyncOutcome outcome = finished(adapter.attempt(attempt(target("team/app", null, false, 20), 7,
                                                                now.plusSeconds(10))));

        assertThat(outcome.error().code()).isEqualTo("REGISTRY_ERROR");
        assertThat(outcome.error().httpStatus()).isEqualTo(503);
        assertThat(outcome.attempts()).isEqualTo(8);
    }

    @Test
    void theRetryCountIsHonoured() {
        answer(new MockResponse.Builder().code(503).build());

        SyncStep second = adapter.attempt(attempt(target("team/app", null, false, 2), 1, now.plusSeconds(300)));
        SyncStep third = adapter.attempt(attempt(target("team/app", null, false, 2), 2, now.plusSeconds(300)));
        SyncStep once = adapter.attempt(attempt(target("team/app", null, false, 0), 0, now.plusSeconds(300)));

        assertThat(second).isInstanceOfSatisfying(SyncStep.RetryAt.class,
                                                  retry -> assertThat(retry.attempts()).isEqualTo(2));
        assertThat(finished(third).error().code()).as("two retries after the first try, then no more")
                                                 .isEqualTo("REGISTRY_ERROR");
        assertThat(finished(third).attempts()).isEqualTo(3);
        assertThat(finished(once).attempts()).as("retryCount 0: one try").isEqualTo(1);
    }

    @Test
    void aFailureThatIsNotTransientIsNotTriedAgain() {
        answer(new MockResponse.Builder().code(404).build());

        SyncOutcome outcome = finished(adapter.attempt(attempt(target("team/app", null, false, 3), 0,
                                                                now.plusSeconds(300))));

        assertThat(outcome.error().code()).isEqualTo("NOT_FOUND");
        assertThat(outcome.attempts()).isEqualTo(1);
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsHonoured() {
        answer(new MockResponse.Builder().code(503).addHeader("Retry-After", "120").build());

        SyncStep step = adapter.attempt(attempt(target("team/app", null, false, 3), 0, now.plusSeconds(300)));

        assertThat(step).isInstanceOfSatisfying(SyncStep.RetryAt.class,
                                                retry -> assertThat(retry.at()).isEqualTo(now.plusSeconds(120)));
        assertThat(rateLimits.pausedUntil(SOURCE)).as("only a 429 pauses the source").isEmpty();
    }

    @Test
    void a429PausesTheWholeSourceUntilItsRetryAfter() {
        answer(new MockResponse.Builder().code(429).addHeader("Retry-After", "60").build());

        SyncStep step = adapter.attempt(attempt(target("team/app", null, false, 3), 0, now.plusSeconds(300)));

        Instant until = now.plusSeconds(60);
        assertThat(step).isInstanceOfSatisfying(SyncStep.RetryAt.class, retry -> {
            assertThat(retry.at()).isEqualTo(until);
            assertThat(retry.attempts()).isEqualTo(1);
        });
        assertThat(rateLimits.pausedUntil(SOURCE)).contains(until);
        assertThat(jdbc.queryForObject("select paused_until from registry_rate_limit where namespace = ? and name = ?",
                                       OffsetDateTime.class, SOURCE.namespace(), SOURCE.name()).toInstant())
                .as("visible on every node").isEqualTo(until);
        int asked = server.getRequestCount();

        // another repository of the same source waits for the pause without asking the registry
        SyncStep other = adapter.attempt(attempt(target("team/other", null, false, 3), 2, now.plusSeconds(300)));
        assertThat(other).isEqualTo(new SyncStep.RetryAt(until, 2, 0));
        // a run whose deadline comes before the pause ends fails at once
        SyncOutcome tooLate = finished(adapter.attempt(attempt(target("team/other", null, false, 3), 0,
                                                                now.plusSeconds(30))));
        assertThat(tooLate.error().code()).isEqualTo("RATE_LIMITED");
        assertThat(tooLate.error().httpStatus()).isEqualTo(429);
        assertThat(tooLate.error().message()).contains("past this sync's syncTimeout");
        assertThat(server.getRequestCount()).isEqualTo(asked);
    }

    @Test
    void aPauseIsOverWhenItsTimeHasCome() {
        Clock later = Clock.offset(clock, Duration.ofSeconds(61));
        RegistryRateLimits limits = new RegistryRateLimits(jdbc, meters, later);
        limits.pause(SOURCE, now.plusSeconds(60));

        assertThat(limits.pausedUntil(SOURCE)).isEmpty();
    }

    @Test
    void anOpenBreakerEndsTheRunAsSourceUnavailableWithoutARequest() {
        SyncTarget target = target("team/app", null, false, 3);
        assertThat(adapter.endWithoutTrying(target)).isEmpty();

        circuits.markUnreachable(SOURCE);

        assertThat(adapter.endWithoutTrying(target)).hasValueSatisfying(error -> {
            assertThat(error.code()).isEqualTo(RegistryOutageRecovery.SOURCE_UNAVAILABLE);
            assertThat(error.message()).contains("team/hub is unavailable since");
        });
        SyncOutcome outcome = finished(adapter.attempt(attempt(target, 1, now.plusSeconds(300))));
        assertThat(outcome.error().code()).isEqualTo(RegistryOutageRecovery.SOURCE_UNAVAILABLE);
        assertThat(outcome.attempts()).as("no try made").isEqualTo(1);
        assertThat(outcome.requests()).isZero();
        assertThat(server.getRequestCount()).isZero();
        assertThat(meters.get("gateway.sync.outcomes").tag("code", RegistryOutageRecovery.SOURCE_UNAVAILABLE)
                         .counter().count()).isEqualTo(2);
    }

    @Test
    void connectionFailuresInARowOpenTheSourcesBreaker() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        sourceAt("http://127.0.0.1:" + closedPort);
        for (int i = 0; i < 3; i++) {
            SyncStep step = adapter.attempt(attempt(target("team/app", null, false, 0), 0, now.plusSeconds(300)));
            assertThat(finished(step).error().code()).isEqualTo("NETWORK");
        }
        assertThat(circuits.unavailableSince(SOURCE)).isPresent();
    }

    @Test
    void aRepositoryOfAnotherNamespaceSeesWhatFailedButNotWhere() {
        answer(new MockResponse.Builder().code(404).build());
        SyncTarget shared = new SyncTarget("other-team", "app", SOURCE, "team/app", "1.0", "5m", 0, null, false);

        SyncOutcome outcome = finished(adapter.attempt(attempt(shared, 0, now.plusSeconds(300))));

        assertThat(outcome.error().code()).isEqualTo("NOT_FOUND");
        assertThat(outcome.error().message()).startsWith("registry source team/hub failed with NOT_FOUND (HTTP 404)")
                                             .doesNotContain("127.0.0.1");
    }

    @Test
    void aSourceRemovedMeanwhileEndsTheRunAsNotFound() {
        when(registries.find(SOURCE.namespace(), SOURCE.name())).thenReturn(Optional.empty());

        SyncOutcome outcome = finished(adapter.attempt(attempt(target("team/app", null, false, 3), 0,
                                                                now.plusSeconds(300))));

        assertThat(outcome.error().code()).isEqualTo("NOT_FOUND");
        assertThat(outcome.error().message()).isEqualTo("registry source team/hub does not exist");
        assertThat(server.getRequestCount()).isZero();
    }

    private void answer(MockResponse response) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return response;
            }
        });
    }

    private void sourceAt(String url) {
        RegistryView view = new RegistryView("id-hub", SOURCE.namespace(), SOURCE.name(), url, true, null, null, false,
                                             null, 4, RegistryHealth.HEALTHY, null, null, now, now, 1, null, false);
        when(registries.find(SOURCE.namespace(), SOURCE.name())).thenReturn(Optional.of(view));
    }

    @Test
    void aMovedDigestLooksForItsSignatureWithAtMostOneRequestAndAnUnchangedOneAsksNothing() {
        try (LocalRegistry registry = LocalRegistry.anonymous()) {
            sourceAt(registry.url().toString());
            PushedImage plain = registry.images().pushOciImage("team/plain", "1.0");
            PushedImage signed = registry.images().pushOciImage("team/signed", "1.0");
            registry.images().pushOciImage("team/signed", Signatures.cosignTag(signed.digest()));

            SyncOutcome byTag = finished(adapter.attempt(attempt(target("team/signed", null, false, 3), 0,
                                                                 now.plusSeconds(60))));
            SyncOutcome byReferrers = finished(adapter.attempt(attempt(target("team/plain", null, false, 3), 0,
                                                                       now.plusSeconds(60))));
            assertThat(byTag.signed()).as("the .sig tag is in the tags the sync lists anyway").isTrue();
            assertThat(byReferrers.signed()).as("no .sig tag, and 2.8 has no referrers API (404)").isFalse();
            assertThat(byReferrers.requests()).as("one referrers request more").isEqualTo(byTag.requests() + 1);

            SyncOutcome manual = finished(adapter.attempt(attempt(target("team/plain", plain.digest(), true, 3), 0,
                                                                  now.plusSeconds(60))));
            assertThat(manual.signed()).as("unchanged: not asked, the repository keeps its answer").isNull();
            assertThat(manual.requests()).as("the HEAD and the tag list only").isEqualTo(2);
            SyncOutcome routine = finished(adapter.attempt(attempt(target("team/signed", signed.digest(), false, 3), 0,
                                                                   now.plusSeconds(60))));
            assertThat(routine.signed()).isNull();
            assertThat(routine.requests()).isEqualTo(1);
        }
    }

    private static SyncTarget target(String repository, String knownDigest, boolean refreshTags, int retryCount) {
        return new SyncTarget("team", repository.substring(repository.indexOf('/') + 1), SOURCE, repository, "1.0",
                              "5m", retryCount, knownDigest, knownDigest == null || refreshTags);
    }

    private SyncAttempt attempt(SyncTarget target, int attemptsBefore, Instant deadline) {
        return new SyncAttempt(target, attemptsBefore, now, deadline);
    }

    private static SyncOutcome finished(SyncStep step) {
        assertThat(step).isInstanceOf(SyncStep.Finished.class);
        return ((SyncStep.Finished) step).outcome();
    }
}
