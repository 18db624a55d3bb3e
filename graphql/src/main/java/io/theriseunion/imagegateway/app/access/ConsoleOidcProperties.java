package io.theriseunion.imagegateway.app.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The web console's OIDC sign-in (authorization code with PKCE, a public client in the browser), under
 * {@code gateway.console.oidc.*}. It is offered only where the gateway accepts the provider's JWTs
 * ({@code gateway.security.jwt}); nothing here is secret: the console is a public client.
 *
 * @param enabled     offer the sign-in where OIDC is configured (default true)
 * @param clientId    the console's client id at the provider (default: the audience, so that the ID token's
 *                    {@code aud} is what the gateway checks)
 * @param scopes      the scopes asked for (default {@code openid profile})
 * @param displayName the provider's name on the sign-in button (default: none, the button says OIDC)
 * @param token       which token the console sends as its bearer token: {@code id_token} (default; its
 *                    {@code aud} is the client id) or {@code access_token} (where the provider issues JWT access
 *                    tokens naming the gateway's audience)
 */
@ConfigurationProperties("gateway.console.oidc")
public record ConsoleOidcProperties(Boolean enabled, String clientId, String scopes, String displayName,
                                    String token) {

    public ConsoleOidcProperties {
        enabled = enabled == null || enabled;
        scopes = blank(scopes) ? "openid profile" : scopes.trim();
        token = blank(token) ? "id_token" : token.trim();
        if (!token.equals("id_token") && !token.equals("access_token")) {
            throw new IllegalArgumentException("gateway.console.oidc.token (GATEWAY_CONSOLE_OIDC_TOKEN) is id_token or"
                                                       + " access_token, not \"" + token + "\"");
        }
        clientId = blank(clientId) ? null : clientId.trim();
        displayName = blank(displayName) ? null : displayName.trim();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
