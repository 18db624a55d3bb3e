package io.theriseunion.imagegateway.app.access;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * OIDC discovery against a provider (MockWebServer) that hangs or fails: a request thread is answered while
 * discovery still waits on the provider, a failure is remembered for a while instead of being retried by every
 * request, and once the provider answers the decoder is there.
 */
class OidcDecoderTests {

    private final MockWebServer provider = new MockWebServer();
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicBoolean failing = new AtomicBoolean();
    private final MutableClock clock = new MutableClock();
    private OidcDecoder decoder;

    @AfterEach
    void stop() {
        answer.countDown();
        if (decoder != null) {
            decoder.close();
        }
        provider.close();
    }

    private String start() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        provider.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                answer.await();
                if (failing.get()) {
                    return new MockResponse.Builder().code(500).build();
                }
                String issuer = "http://127.0.0.1:" + provider.getPort() + "/realm";
                String body = request.getTarget().endsWith("/jwks") ? new JWKSet(key.toPublicJWK()).toString()
                        : "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\"}";
                return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
            }
        });
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        return "http://127.0.0.1:" + provider.getPort() + "/realm";
    }

    private OidcDecoder decoder(String issuer, Duration retryAfterFailure) {
        decoder = new OidcDecoder(new SecurityProperties.Jwt(issuer, null, null, "image-gateway", null, null),
                                  retryAfterFailure, clock);
        return decoder;
    }

    @Test
    void aRequestIsAnsweredWhileDiscoveryStillWaitsForTheProvider() throws Exception {
        OidcDecoder decoders = decoder(start(), Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> provider.getRequestCount() >= 1);

        // the provider has not answered (the latch is closed): the caller is refused at once, saying why
        assertThatThrownBy(decoders::get).isInstanceOf(InvalidBearerTokenException.class)
                                         .hasMessageContaining("OIDC provider was not reached");
        assertThat(answer.getCount()).as("still waiting on the provider").isEqualTo(1);

        answer.countDown();
        AtomicReference<JwtDecoder> built = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try {
                built.set(decoders.get());
                return true;
            } catch (InvalidBearerTokenException notYet) {
                return false;
            }
        });
        assertThat(built.get()).isNotNull();
    }

    @Test
    void aFailureIsRememberedAndRetriedOnlyAfterItsPause() throws Exception {
        failing.set(true);
        answer.countDown();
        OidcDecoder decoders = decoder(start(), Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try {
                decoders.get();
                return false;
            } catch (InvalidBearerTokenException refused) {
                return !refused.getMessage().contains("has not finished yet");
            }
        });
        int asked = provider.getRequestCount();
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(decoders::get).isInstanceOf(InvalidBearerTokenException.class);
        }
        assertThat(provider.getRequestCount()).as("no request asked the provider again").isEqualTo(asked);

        failing.set(false);
        clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(decoders::get).isInstanceOf(InvalidBearerTokenException.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try {
                return decoders.get() != null;
            } catch (InvalidBearerTokenException notYet) {
                return false;
            }
        });
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
