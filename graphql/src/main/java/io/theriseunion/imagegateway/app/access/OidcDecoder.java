package io.theriseunion.imagegateway.app.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The OIDC provider's JWT decoder, built in the background: discovery starts at start-up, a failure is kept for
 * {@code retryAfterFailure} before the next attempt, and a request thread never waits for the provider: while
 * there is no decoder it is refused at once (401, saying why). Tokens must carry the configured issuer and
 * audience, in discovery and in jwk-set-uri mode alike.
 */
public final class OidcDecoder implements Supplier<JwtDecoder>, AutoCloseable {

    /** How long a failed discovery is remembered before the next request may start another attempt. */
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(OidcDecoder.class);

    private final SecurityProperties.Jwt jwt;
    private final Duration retryAfterFailure;
    private final Clock clock;
    private final ExecutorService discovery;
    private final AtomicBoolean attempting = new AtomicBoolean();
    private volatile JwtDecoder decoder;
    private volatile Instant failedAt;
    private volatile String failure = "discovery has not finished yet";

    public OidcDecoder(SecurityProperties.Jwt jwt, Duration retryAfterFailure, Clock clock) {
        this.jwt = jwt;
        this.retryAfterFailure = retryAfterFailure;
        this.clock = clock;
        this.discovery = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "oidc-discovery");
            thread.setDaemon(true);
            return thread;
        });
        attempt();
    }

    /** The decoder; InvalidBearerTokenException at once while the provider has not been reached. */
    @Override
    public JwtDecoder get() {
        JwtDecoder built = decoder;
        if (built != null) {
            return built;
        }
        Instant failed = failedAt;
        if (failed != null && !clock.instant().isBefore(failed.plus(retryAfterFailure))) {
            attempt();
        }
        throw new InvalidBearerTokenException("the JWT cannot be checked yet: the OIDC provider was not reached ("
                                                      + failure + "); try again shortly");
    }

    private void attempt() {
        if (!attempting.compareAndSet(false, true)) {
            return;
        }
        discovery.execute(() -> {
            try {
                decoder = build(jwt);
                failedAt = null;
                log.info("OIDC provider {} reached; JWTs are accepted", jwt.enabled() ? where(jwt) : "-");
            } catch (RuntimeException e) {
                failure = String.valueOf(e.getMessage());
                failedAt = clock.instant();
                log.warn("OIDC provider {} not reached: {}; next attempt on a request after {}", where(jwt), failure,
                         retryAfterFailure);
            } finally {
                attempting.set(false);
            }
        });
    }

    @Override
    public void close() {
        discovery.shutdownNow();
    }

    private static String where(SecurityProperties.Jwt jwt) {
        return jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank() ? jwt.jwkSetUri() : jwt.issuerUri();
    }

    static JwtDecoder build(SecurityProperties.Jwt jwt) {
        NimbusJwtDecoder decoder = jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()
                ? NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build()
                : (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(jwt.issuerUri());
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(jwt.expectedIssuer()));
        validators.add(new JwtClaimValidator<Collection<String>>("aud",
                                                                 aud -> aud != null && aud.contains(jwt.audience())));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }
}
