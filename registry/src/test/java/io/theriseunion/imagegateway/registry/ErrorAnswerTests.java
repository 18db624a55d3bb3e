package io.theriseunion.imagegateway.registry;

import io.theriseunion.imagegateway.registry.testing.TestClock;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How error answers and broken connections become {@link RegistryException}s. */
class ErrorAnswerTests {

    private static final String MANIFEST_PATH = "/v2/team/app/manifests/1.0";

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
    private MockRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() {
        registry = MockRegistry.start();
        client = LoopbackClients.builder().clock(clock).readTimeout(Duration.ofMillis(300)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    private RegistryException inspectFails() {
        return catchThrowableOfType(RegistryException.class, () -> client.inspect(registry.endpoint(), "team/app", "1.0"));
    }

    @Test
    void tooManyRequestsIsRateLimitedWithRetryAfterSeconds() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().code(429).setHeader("Retry-After", "30")
                .body("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}").build());

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.RATE_LIMITED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.transientFailure()).isTrue();
        assertThat(e).hasMessage("registry " + registry.authority()
                + " answered 429 TOOMANYREQUESTS for team/app:1.0: rate limited, retry after PT30S");
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(clock.instant().plusSeconds(120).atOffset(ZoneOffset.UTC));
        registry.on("HEAD", MANIFEST_PATH, new MockResponse.Builder().code(429).setHeader("Retry-After", inTwoMinutes)
                .build());

        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.head(registry.endpoint(), "team/app", "1.0"));

        assertThat(e.code()).isEqualTo(RegistryErrorCode.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aServerErrorIsATransientRegistryError() {
        registry.on("GET", MANIFEST_PATH, MockContent.status(500));

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ERROR);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.retryAfter()).isNull();
        assertThat(e.transientFailure()).isTrue();
        assertThat(e).hasMessage("registry " + registry.authority() + " answered 500 for team/app:1.0");
    }

    @Test
    void anotherClientErrorIsAPermanentRegistryError() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().code(400)
                .body("{\"errors\":[{\"code\":\"MANIFEST_INVALID\"}]}").build());

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ERROR);
        assertThat(e.transientFailure()).isFalse();
        assertThat(e).hasMessageContaining("answered 400 MANIFEST_INVALID");
    }

    @Test
    void forbiddenIsForbidden() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().code(403)
                .body("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"}]}").build());

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.FORBIDDEN);
        assertThat(e.transientFailure()).isFalse();
        assertThat(e).hasMessageEndingWith("answered 403 DENIED for team/app:1.0: access denied");
    }

    @Test
    void aNameUnknownCodeIsNotFoundWhateverTheStatus() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().code(400)
                .body("{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}").build());

        assertThat(inspectFails().code()).isEqualTo(RegistryErrorCode.NOT_FOUND);
    }

    @Test
    void aHangingServerIsATimeout() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.TIMEOUT);
        assertThat(e.transientFailure()).isTrue();
        assertThat(e.httpStatus()).isNull();
        assertThat(e).hasMessage("registry " + registry.authority() + " did not answer in time for team/app:1.0");
    }

    @Test
    void aBodyThatStopsFlowingIsATimeout() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder()
                .setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                .body("{\"schemaVersion\":2}").onResponseBody(SocketEffect.Stall.INSTANCE).build());

        assertThat(inspectFails().code()).isEqualTo(RegistryErrorCode.TIMEOUT);
    }

    @Test
    void aDroppedConnectionIsANetworkFailure() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket()).build());

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.NETWORK);
        assertThat(e.transientFailure()).isTrue();
    }

    @Test
    void everyFailedRequestIsReportedToTheListenerWithoutStatus() {
        RequestLog log = new RequestLog();
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        try (RegistryClient listening = LoopbackClients.builder().readTimeout(Duration.ofMillis(200))
                .requestListener(log).build()) {
            catchThrowableOfType(RegistryException.class, () -> listening.inspect(registry.endpoint(), "team/app", "1.0"));
        }

        assertThat(log.entries()).containsExactly(new RequestLog.Entry(registry.authority(), "GET", MANIFEST_PATH, -1));
    }

    @Test
    void pingOfARegistryAnsweringServerErrorsIsUnreachable() {
        registry.on("GET", "/v2/", MockContent.status(503));

        assertThat(client.ping(registry.endpoint())).isEqualTo(RegistryHealth.UNREACHABLE);
    }
}
