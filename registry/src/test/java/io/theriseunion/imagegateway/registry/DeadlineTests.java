package io.theriseunion.imagegateway.registry;

import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An operation given a deadline ends by it, whatever the registry does: a request in flight is cut off, no page is
 * asked for after it. The client's own timeouts here are 10 minutes, so only the deadline can end these calls;
 * the JUnit timeout only keeps a broken build from hanging.
 */
@Timeout(60)
class DeadlineTests {

    private static final String MANIFEST_PATH = "/v2/team/app/manifests/1.0";
    private static final String TAGS_PATH = "/v2/team/app/tags/list";
    private static final Duration LONG = Duration.ofMinutes(10);

    private MockRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() {
        registry = MockRegistry.start();
        client = LoopbackClients.builder().readTimeout(LONG).callTimeout(LONG).maxTagPages(1_000_000).build();
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    private static RegistryException timeout(Runnable call) {
        RegistryException e = catchThrowableOfType(RegistryException.class, call::run);
        assertThat(e).as("a RegistryException").isNotNull();
        assertThat(e.code()).isEqualTo(RegistryErrorCode.TIMEOUT);
        return e;
    }

    @Test
    void aRegistryThatNeverAnswersIsCutOffAtTheDeadline() {
        registry.on("HEAD", MANIFEST_PATH, new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        Instant deadline = Instant.now().plusMillis(500);

        RegistryException e = timeout(() -> client.head(registry.endpoint(), "team/app", "1.0", deadline));

        assertThat(e).hasMessage("registry " + registry.authority() + " did not answer before the deadline ("
                + deadline + ") for team/app:1.0");
        assertThat(Instant.now()).isAfterOrEqualTo(deadline);
    }

    @Test
    void aBodyThatNeverEndsIsCutOffAtTheDeadline() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                .body("{\"schemaVersion\":2}").onResponseBody(SocketEffect.Stall.INSTANCE).build());

        RegistryException e = timeout(() -> client.inspect(registry.endpoint(), "team/app", "1.0",
                Instant.now().plusMillis(500)));

        assertThat(e).hasMessageContaining("did not answer before the deadline");
    }

    @Test
    void endlessTagPagesStopAtTheDeadline() {
        registry.on("GET", TAGS_PATH, request -> new MockResponse.Builder()
                .setHeader("Content-Type", "application/json").body("{\"tags\":[]}")
                .setHeader("Link", "<" + TAGS_PATH + "?last=" + System.nanoTime() + ">; rel=\"next\"").build());
        Instant deadline = Instant.now().plusMillis(500);

        RegistryException e = timeout(() -> client.tags(registry.endpoint(), "team/app", deadline));

        assertThat(e).hasMessageContaining("tags of team/app").hasMessageContaining(deadline.toString());
    }

    @Test
    void nothingIsSentOnceTheDeadlineHasPassed() {
        RegistryException e = timeout(() -> client.head(registry.endpoint(), "team/app", "1.0",
                Instant.now().minusSeconds(1)));

        assertThat(e).hasMessageStartingWith("the deadline (").hasMessageEndingWith(
                ") passed before team/app:1.0 was asked of registry " + registry.authority());
        assertThat(registry.requestCount()).isZero();
    }
}
