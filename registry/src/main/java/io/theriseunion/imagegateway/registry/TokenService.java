package io.theriseunion.imagegateway.registry;

import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static io.theriseunion.imagegateway.registry.RegistryErrorCode.*;

/**
 * Gets bearer tokens from a registry's token realm ({@code GET realm?service=..&scope=..}, with Basic
 * credentials when the endpoint has them) and keeps them per (realm, service, scope, credentials) until
 * shortly before they expire.
 */
final class TokenService {

    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);
    private static final long TOKEN_RESPONSE_LIMIT = 1024 * 1024;

    private final HttpSender sender;
    private final Clock clock;
    private final BoundedCache<TokenKey, BearerToken> tokens;

    TokenService(HttpSender sender, Clock clock, int capacity) {
        this.sender = sender;
        this.clock = clock;
        this.tokens = new BoundedCache<>(capacity);
    }

    /** A token that is still usable, or {@code null}. */
    BearerToken cached(TokenKey key) {
        BearerToken token = tokens.get(key);
        return token != null && token.usableAt(clock.instant()) ? token : null;
    }

    void forget(TokenKey key, BearerToken token) {
        tokens.remove(key, token);
    }

    BearerToken fetch(OkHttpClient client, RegistryEndpoint endpoint, TokenKey key, Deadline deadline) {
        HttpUrl realm = HttpUrl.parse(key.realm());
        String subject = "a token" + (key.scope() == null ? "" : " for " + key.scope());
        if (realm == null) {
            throw new RegistryException(REGISTRY_ERROR, "registry " + endpoint.authority()
                    + " named a token realm that is not an http(s) URL");
        }
        if (!realm.isHttps() && !endpoint.insecure()) {
            throw new RegistryException(REGISTRY_ERROR, "registry " + endpoint.authority()
                    + " named a token realm on plain http (" + Origins.authority(realm) + "); refused for a secure endpoint");
        }
        HttpUrl.Builder url = realm.newBuilder();
        if (key.service() != null) {
            url.addQueryParameter("service", key.service());
        }
        if (key.scope() != null) {
            url.addQueryParameter("scope", key.scope());
        }
        RegistryRequest request = RegistryRequest.get(endpoint, url.build(), null, "application/json", subject,
                deadline);
        RegistryCredentials credentials = key.credentials();
        String authorization = credentials == null ? null
                : Credentials.basic(credentials.username(), credentials.secret(), StandardCharsets.UTF_8);
        try (Response response = sender.send(client, request, authorization)) {
            if (!response.isSuccessful()) {
                throw refused(response, endpoint, realm, subject);
            }
            String value;
            Long expiresIn;
            try {
                TokenResponse answer = Json.read(BodyReader.read(response, TOKEN_RESPONSE_LIMIT, request),
                        TokenResponse.class, "the token service's answer");
                value = answer.value();
                expiresIn = answer.expiresIn();
            } catch (RegistryException e) {
                if (e.code() != INVALID_MANIFEST) {
                    throw e;
                }
                // no cause: a parser's message may quote the token
                throw new RegistryException(REGISTRY_ERROR, "token service " + Origins.authority(realm)
                        + " of registry " + endpoint.authority() + " sent an unreadable answer");
            }
            if (value == null || value.isBlank()) {
                throw new RegistryException(REGISTRY_ERROR, "token service " + Origins.authority(realm)
                        + " of registry " + endpoint.authority() + " answered without a token");
            }
            BearerToken token = new BearerToken(value, useUntil(expiresIn));
            tokens.put(key, token);
            return token;
        }
    }

    private Instant useUntil(Long expiresInSeconds) {
        Duration lifetime = expiresInSeconds == null || expiresInSeconds <= 0
                ? DEFAULT_LIFETIME : Duration.ofSeconds(expiresInSeconds);
        Duration margin = lifetime.dividedBy(5);
        return clock.instant().plus(lifetime.minus(margin.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : margin));
    }

    private RegistryException refused(Response response, RegistryEndpoint endpoint, HttpUrl realm,
                                             String subject) {
        int status = response.code();
        RegistryCredentials credentials = endpoint.credentials();
        String who = credentials == null ? "anonymous access" : "the credentials of user '" + credentials.username() + "'";
        String message = "token service " + Origins.authority(realm) + " of registry " + endpoint.authority()
                + " answered " + status + " for " + subject;
        return switch (status) {
            case 401 -> new RegistryException(UNAUTHORIZED, message + ": it refused " + who, status, null, null);
            case 403 -> new RegistryException(FORBIDDEN, message + ": access denied for " + who, status, null, null);
            case 429 -> new RegistryException(RATE_LIMITED, message + ": rate limited", status,
                    RetryAfter.parse(response.header("Retry-After"), clock), null);
            default -> new RegistryException(REGISTRY_ERROR, message, status, null, null);
        };
    }
}
