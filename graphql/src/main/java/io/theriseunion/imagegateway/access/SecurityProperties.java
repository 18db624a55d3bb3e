package io.theriseunion.imagegateway.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code gateway.security.*}.
 *
 * @param adminToken          a cluster-admin bearer token ({@code GATEWAY_ADMIN_TOKEN}); when unset and
 *                            {@code generateAdminToken} is on, the first start generates an API token "admin"
 * @param generateAdminToken  generate and print an admin API token on the first start (embedded default)
 * @param jwt                 JWTs from an OIDC provider: off unless an issuer or a JWK set URI is set
 */
@ConfigurationProperties("gateway.security")
public record SecurityProperties(String adminToken, Boolean generateAdminToken, Jwt jwt) {

    public SecurityProperties {
        generateAdminToken = generateAdminToken == null || generateAdminToken;
        jwt = jwt == null ? new Jwt(null, null, null, null, null) : jwt;
    }

    /**
     * @param issuerUri   the provider's issuer (its keys are found through OIDC discovery)
     * @param jwkSetUri   or the provider's JWK set directly
     * @param audience    when set, tokens must name it in {@code aud}
     * @param rolesClaim  the claim with the role bindings: strings {@code ROLE} or {@code namespace:ROLE}, or
     *                    objects {@code {namespace, role}} (default {@code gateway_roles})
     * @param nameClaim   the claim that names the caller in the audit log (default {@code preferred_username},
     *                    then {@code sub})
     */
    public record Jwt(String issuerUri, String jwkSetUri, String audience, String rolesClaim, String nameClaim) {

        public Jwt {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "gateway_roles" : rolesClaim;
            nameClaim = nameClaim == null || nameClaim.isBlank() ? "preferred_username" : nameClaim;
        }

        public boolean enabled() {
            return (issuerUri != null && !issuerUri.isBlank()) || (jwkSetUri != null && !jwkSetUri.isBlank());
        }
    }
}
