package io.theriseunion.imagegateway.app.access;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a bearer token into a {@link Caller}: the bootstrap admin token, an API token of the gateway
 * ({@code gw_…}), or a JWT of the configured OIDC provider with its role bindings in a claim.
 */
public class BearerAuthentication implements AuthenticationManager {

    static final List<RoleBinding> CLUSTER_ADMIN = List.of(new RoleBinding(null, Role.ADMIN),
                                                           new RoleBinding(null, Role.AUDITOR));

    private final ApiTokens tokens;
    private final String adminTokenHash;
    private final Supplier<JwtDecoder> jwts;
    private final SecurityProperties.Jwt jwt;

    public BearerAuthentication(ApiTokens tokens, String adminToken, Supplier<JwtDecoder> jwts,
                                SecurityProperties.Jwt jwt) {
        this.tokens = tokens;
        this.adminTokenHash = adminToken == null || adminToken.isBlank() ? null : SecretHash.of(adminToken);
        this.jwts = jwts;
        this.jwt = jwt;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return null;
        }
        return new CallerAuthentication(caller(bearer.getToken()));
    }

    /** The caller the token stands for; InvalidBearerTokenException (never naming the token) when none. */
    public Caller caller(String token) {
        if (SecretHash.matches(token, adminTokenHash)) {
            return new Caller("admin", CLUSTER_ADMIN, null, null);
        }
        if (token.startsWith(ApiTokens.PREFIX)) {
            return tokens.verify(token)
                         .map(t -> new Caller("token:" + t.name(), t.roles(), t.name(), t.expiresAt()))
                         .orElseThrow(() -> new InvalidBearerTokenException("the API token is unknown, revoked or expired"));
        }
        JwtDecoder decoder = jwts.get();
        if (decoder == null) {
            throw new InvalidBearerTokenException("the bearer token is not an API token of this gateway, and no OIDC"
                                                          + " provider is configured (gateway.security.jwt)");
        }
        Jwt decoded;
        try {
            decoded = decoder.decode(token);
        } catch (JwtException e) {
            throw new InvalidBearerTokenException("the JWT was not accepted: " + e.getMessage());
        }
        String name = decoded.getClaimAsString(jwt.nameClaim());
        if (name == null) {
            name = decoded.getSubject();
        }
        return new Caller(name, bindings(decoded.getClaim(jwt.rolesClaim())), null, decoded.getExpiresAt());
    }

    private static List<RoleBinding> bindings(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof String text) {
            return List.of(text.split("[,\\s]+")).stream().filter(s -> !s.isBlank()).map(BearerAuthentication::binding)
                       .flatMap(List::stream).toList();
        }
        if (claim instanceof Collection<?> items) {
            return items.stream().map(BearerAuthentication::binding).flatMap(List::stream).toList();
        }
        return List.of();
    }

    /**
     * One claim item; an item that is not a valid binding grants nothing (fail closed): {@code ROLE} or an object
     * without namespace is every namespace, but an empty or malformed namespace is never widened to that.
     */
    private static List<RoleBinding> binding(Object item) {
        try {
            if (item instanceof Map<?, ?> map) {
                Object namespace = map.get("namespace");
                Object role = map.get("role");
                if (namespace != null && !(namespace instanceof String) || !(role instanceof String)) {
                    return List.of();
                }
                return List.of(RoleBinding.of((String) namespace, (String) role, "roles"));
            }
            return item instanceof String text ? List.of(RoleBinding.parse(text, "roles")) : List.of();
        } catch (RuntimeException notABinding) {
            return List.of();
        }
    }
}
