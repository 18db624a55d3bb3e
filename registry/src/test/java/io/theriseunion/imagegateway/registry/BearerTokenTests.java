package io.theriseunion.imagegateway.registry;

import io.theriseunion.imagegateway.registry.testing.TestClock;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Bearer flow: challenge, token realm, retry with the token, and tokens kept until shortly before expiry. */
class BearerTokenTests {

    private static final String SECRET = "token-service-s3cret";
    private static final RegistryCredentials CREDENTIALS = new RegistryCredentials("robot", SECRET);
    private static final String SCOPE = "repository:team/app:pull";
    private static final String MANIFEST = MockContent.ociManifest(MockContent.config("amd64"));

    private MockRegistry registry;
    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private RegistryClient client;

    @BeforeEach
    void startRegistry() {
        registry = MockRegistry.start();
        client = LoopbackClients.builder().clock(clock).build();
        String challenge = "Bearer realm=\"" + registry.url("/token") + "\",service=\"mock-registry\",scope=\"" + SCOPE + "\"";
        registry.on("HEAD", "/v2/team/app/manifests/1.0", request -> {
            String authorization = request.getHeaders().get("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer token-")) {
                return new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", challenge).build();
            }
            return MockContent.head(MANIFEST, MediaTypes.OCI_MANIFEST);
        });
    }

    @AfterEach
    void stopRegistry() {
        client.close();
        registry.close();
    }

    private void issueTokens(String field, String expiresIn) {
        registry.on("GET", "/token", request -> MockContent.json("{\"" + field + "\":\"token-"
                + tokensIssued.incrementAndGet() + "\"" + (expiresIn == null ? "" : ",\"expires_in\":" + expiresIn) + "}"));
    }

    @Test
    void aChallengeIsAnsweredWithATokenFromTheRealm() {
        issueTokens("token", "300");

        ManifestHead head = client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0");

        assertThat(head.digest()).isEqualTo(MockContent.sha256(MANIFEST));
        RecordedRequest challenged = registry.take();
        RecordedRequest tokenRequest = registry.take();
        RecordedRequest retried = registry.take();
        assertThat(challenged.getHeaders().get("Authorization")).isNull();
        assertThat(tokenRequest.getUrl().queryParameter("service")).isEqualTo("mock-registry");
        assertThat(tokenRequest.getUrl().queryParameter("scope")).isEqualTo(SCOPE);
        assertThat(tokenRequest.getHeaders().get("Authorization")).isEqualTo(Credentials.basic("robot", SECRET));
        assertThat(retried.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
        assertThat(retried.getHeaders().get("User-Agent")).isEqualTo("image-gateway/0.1 (+OCI distribution client)");
    }

    @Test
    void anonymousTokensAreRequestedWithoutAuthorization() {
        issueTokens("token", null);

        client.head(registry.endpoint(), "team/app", "1.0");

        registry.take();
        assertThat(registry.take().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void aCachedTokenMakesTheNextHeadOneRequest() {
        issueTokens("token", "300");
        client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0");
        registry.drain();

        client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0");

        List<RecordedRequest> second = registry.drain();
        assertThat(second).hasSize(1);
        assertThat(second.get(0).getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
        assertThat(tokensIssued).hasValue(1);
    }

    @Test
    void tokensAreKeptPerCredentials() {
        issueTokens("token", "300");
        client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0");

        client.head(registry.endpoint(new RegistryCredentials("other", "other-secret")), "team/app", "1.0");

        assertThat(tokensIssued).hasValue(2);
    }

    @Test
    void accessTokenWithoutExpiryIsUsedForSixtySecondsLessAMargin() {
        issueTokens("access_token", null);
        client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0");

        clock.advance(Duration.ofSeconds(45));
        client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0");
        assertThat(tokensIssued).hasValue(1);

        clock.advance(Duration.ofSeconds(20));
        client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0");
        assertThat(tokensIssued).hasValue(2);
        assertThat(registry.requestCount()).isEqualTo(3 + 1 + 3);
    }

    @Test
    void aRevokedTokenIsReplacedOnce() {
        issueTokens("token", "300");
        client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0");
        String challenge = "Bearer realm=\"" + registry.url("/token") + "\",service=\"mock-registry\",scope=\"" + SCOPE + "\"";
        registry.on("HEAD", "/v2/team/app/manifests/1.0", request -> "Bearer token-2".equals(request.getHeaders().get("Authorization"))
                ? MockContent.head(MANIFEST, MediaTypes.OCI_MANIFEST)
                : new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", challenge).build());

        ManifestHead head = client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0");

        assertThat(head.digest()).isEqualTo(MockContent.sha256(MANIFEST));
        assertThat(tokensIssued).hasValue(2);
    }

    @Test
    void aTokenServiceRefusingTheCredentialsIsUnauthorized() {
        registry.on("GET", "/token", MockContent.status(401));

        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0"));

        assertThat(e.code()).isEqualTo(RegistryErrorCode.UNAUTHORIZED);
        assertThat(e).hasMessageContaining("token service").hasMessageContaining("user 'robot'")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void pingFollowsTheChallengeOfTheApiRoot() {
        registry.on("GET", "/v2/", request -> request.getHeaders().get("Authorization") == null
                ? new MockResponse.Builder().code(401)
                .setHeader("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token") + "\",service=\"mock-registry\"")
                .build()
                : MockContent.json("{}"));
        issueTokens("token", "300");

        assertThat(client.ping(registry.endpoint(CREDENTIALS))).isEqualTo(RegistryHealth.HEALTHY);
        registry.take();
        assertThat(registry.take().getUrl().queryParameter("scope")).isNull();

        registry.on("GET", "/token", MockContent.status(401));
        assertThat(client.ping(registry.endpoint(new RegistryCredentials("robot", "wrong")))).isEqualTo(RegistryHealth.UNAUTHORIZED);
    }

    @Test
    void anUnreadableTokenAnswerNeverQuotesTheToken() {
        registry.on("GET", "/token", MockContent.json("{\"token\": leaked-token-text"));

        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.head(registry.endpoint(CREDENTIALS), "team/app", "1.0"));

        assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ERROR);
        assertThat(e).hasMessageContaining("sent an unreadable answer").hasNoCause()
                .hasMessageNotContaining("leaked-token-text");
    }
}
