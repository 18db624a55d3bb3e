package io.theriseunion.imagegateway.registry;

import okhttp3.Challenge;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Answers a registry's challenges: Basic with the endpoint's credentials, or a bearer token from its token
 * realm. It remembers per endpoint which scheme the registry wants, so that later requests carry the right
 * Authorization up front and an unchanged sync cycle costs one request per image.
 */
final class RegistryAuthenticator {

    private record EndpointKey(String origin, RegistryCredentials credentials) {
    }

    private final TokenService tokens;
    private final BoundedCache<EndpointKey, AuthScheme> schemes;

    RegistryAuthenticator(TokenService tokens, int capacity) {
        this.tokens = tokens;
        this.schemes = new BoundedCache<>(capacity);
    }

    /** The Authorization to send before any challenge, from what this registry asked for last time. */
    String upFront(RegistryEndpoint endpoint, String scope) {
        AuthScheme scheme = schemes.get(key(endpoint));
        if (scheme instanceof AuthScheme.Basic && endpoint.credentials() != null) {
            return basic(endpoint.credentials());
        }
        if (scheme instanceof AuthScheme.Bearer bearer) {
            BearerToken token = tokens.cached(tokenKey(endpoint, bearer, scope));
            return token == null ? null : token.header();
        }
        return null;
    }

    /**
     * The Authorization to retry a 401 answer with, or {@code null} when there is nothing better to try (no
     * credentials for Basic, or the same credentials were just refused).
     *
     * @param sent the Authorization the refused request carried, or {@code null}
     */
    String answer(OkHttpClient client, RegistryEndpoint endpoint, Response refused, String scope, String sent,
                  Deadline deadline) {
        List<Challenge> challenges = refused.challenges();
        Challenge bearer = find(challenges, "bearer");
        if (bearer != null && bearer.authParams().get("realm") != null) {
            return bearer(client, endpoint, bearer, scope, sent, deadline);
        }
        Challenge basic = find(challenges, "basic");
        if (basic != null && endpoint.credentials() != null) {
            String header = basic(endpoint.credentials());
            if (header.equals(sent)) {
                return null;
            }
            schemes.put(key(endpoint), new AuthScheme.Basic());
            return header;
        }
        return null;
    }

    private String bearer(OkHttpClient client, RegistryEndpoint endpoint, Challenge challenge, String scope,
                          String sent, Deadline deadline) {
        AuthScheme.Bearer scheme = new AuthScheme.Bearer(challenge.authParams().get("realm"),
                challenge.authParams().get("service"));
        schemes.put(key(endpoint), scheme);
        String challengeScope = challenge.authParams().get("scope");
        TokenKey key = tokenKey(endpoint, scheme, challengeScope != null ? challengeScope : scope);
        BearerToken cached = tokens.cached(key);
        if (cached != null && !cached.header().equals(sent)) {
            return cached.header();
        }
        if (cached != null) {
            if ("insufficient_scope".equals(challenge.authParams().get("error"))) {
                return null;
            }
            tokens.forget(key, cached);
        }
        BearerToken fresh = tokens.fetch(client, endpoint, key, deadline);
        return fresh.header().equals(sent) ? null : fresh.header();
    }

    private static Challenge find(List<Challenge> challenges, String scheme) {
        return challenges.stream()
                .filter(c -> c.scheme().toLowerCase(Locale.ROOT).equals(scheme))
                .findFirst()
                .orElse(null);
    }

    private static TokenKey tokenKey(RegistryEndpoint endpoint, AuthScheme.Bearer scheme, String scope) {
        return new TokenKey(scheme.realm(), scheme.service(), scope, endpoint.credentials());
    }

    private static EndpointKey key(RegistryEndpoint endpoint) {
        return new EndpointKey(endpoint.url().toString(), endpoint.credentials());
    }

    private static String basic(RegistryCredentials credentials) {
        return Credentials.basic(credentials.username(), credentials.secret(), StandardCharsets.UTF_8);
    }
}
