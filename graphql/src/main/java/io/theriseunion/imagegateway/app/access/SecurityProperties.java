package io.theriseunion.imagegateway.app.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings under {@code gateway.security.*}.
 *
 * @param adminToken              a cluster-admin bearer token ({@code GATEWAY_ADMIN_TOKEN}), at least
 *                                {@value #MIN_ADMIN_TOKEN_LENGTH} characters; when unset and
 *                                {@code generateAdminToken} is on, the first start generates an API token "admin"
 * @param generateAdminToken      generate an admin API token on the first start (embedded default)
 * @param adminTokenFile          where the generated admin token's secret is written (owner-only, created new)
 * @param apiTokenDefaultLifetime how long an API token lives when createApiToken gives no expiresAt, e.g. 90d;
 *                                "0" or empty: it never expires
 * @param jwt                     JWTs from an OIDC provider: off unless an issuer or a JWK set URI is set
 */
@ConfigurationProperties("gateway.security")
public record SecurityProperties(String adminToken, Boolean generateAdminToken, String adminTokenFile,
                                 String apiTokenDefaultLifetime, Jwt jwt) {

    public static final int MIN_ADMIN_TOKEN_LENGTH = 32;

    public SecurityProperties {
        generateAdminToken = generateAdminToken == null || generateAdminToken;
        adminTokenFile = adminTokenFile == null || adminTokenFile.isBlank() ? "./data/admin-token" : adminTokenFile;
        jwt = jwt == null ? new Jwt(null, null, null, null, null, null) : jwt;
        if (adminToken != null && !adminToken.isBlank() && adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("GATEWAY_ADMIN_TOKEN (gateway.security.admin-token) must be at least "
                    + MIN_ADMIN_TOKEN_LENGTH + " characters of random text (e.g. openssl rand -base64 32), not "
                    + adminToken.length());
        }
        apiTokenLifetime(apiTokenDefaultLifetime); // fail at start on a malformed lifetime
    }

    /** The lifetime of a token created without expiresAt; empty: it never expires. */
    public Optional<Duration> apiTokenLifetime() {
        return apiTokenLifetime(apiTokenDefaultLifetime);
    }

    public Path adminTokenPath() {
        return Path.of(adminTokenFile);
    }

    private static Optional<Duration> apiTokenLifetime(String text) {
        if (text == null || text.isBlank() || text.trim().equals("0")) {
            return Optional.empty();
        }
        Duration lifetime;
        try {
            lifetime = DurationStyle.detectAndParse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway.security.api-token-default-lifetime must be a duration such"
                    + " as 90d, 720h or P90D, or 0 for none; not \"" + text + "\"");
        }
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("gateway.security.api-token-default-lifetime must not be negative");
        }
        return lifetime.isZero() ? Optional.empty() : Optional.of(lifetime);
    }

    /**
     * @param issuerUri   the provider's issuer (its keys are found through OIDC discovery)
     * @param jwkSetUri   or the provider's JWK set directly
     * @param issuer      the issuer ({@code iss}) tokens must carry in jwk-set-uri mode (default: issuerUri)
     * @param audience    required when OIDC is on: tokens must name it in {@code aud}
     * @param rolesClaim  the claim with the role bindings: strings {@code ROLE} or {@code namespace:ROLE}, or
     *                    objects {@code {namespace, role}} (default {@code gateway_roles})
     * @param nameClaim   the claim that names the caller in the audit log (default {@code preferred_username},
     *                    then {@code sub})
     */
    public record Jwt(String issuerUri, String jwkSetUri, String issuer, String audience, String rolesClaim,
                      String nameClaim) {

        public Jwt {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "gateway_roles" : rolesClaim;
            nameClaim = nameClaim == null || nameClaim.isBlank() ? "preferred_username" : nameClaim;
            if (enabled(issuerUri, jwkSetUri) && (audience == null || audience.isBlank())) {
                throw new IllegalArgumentException("OIDC is configured (gateway.security.jwt.issuer-uri or jwk-set-uri)"
                        + " but no audience: set gateway.security.jwt.audience (GATEWAY_OIDC_AUDIENCE) to the"
                        + " gateway's client id, so that tokens the provider issued to other clients are refused");
            }
            if (blank(issuerUri) && !blank(jwkSetUri) && blank(issuer)) {
                throw new IllegalArgumentException("OIDC with gateway.security.jwt.jwk-set-uri also needs the issuer"
                        + " its tokens carry: set gateway.security.jwt.issuer (GATEWAY_OIDC_ISSUER) or issuer-uri");
            }
        }

        public boolean enabled() {
            return enabled(issuerUri, jwkSetUri);
        }

        /** The {@code iss} tokens must carry. */
        public String expectedIssuer() {
            return blank(issuer) ? issuerUri : issuer;
        }

        private static boolean enabled(String issuerUri, String jwkSetUri) {
            return !blank(issuerUri) || !blank(jwkSetUri);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }
}
