package io.theriseunion.imagegateway.app.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /console/config.json}: what the web console needs before anyone signs in, public (a console path,
 * no token) and holding nothing secret: the OIDC provider to offer on the sign-in screen (issuer, the console's
 * public client id, scopes, which token to send; absent where the gateway accepts no OIDC JWTs or the console's
 * sign-in is turned off) and whether the GraphQL explorer at /graphiql is on.
 */
@RestController
@EnableConfigurationProperties(ConsoleOidcProperties.class)
public class ConsoleSettingsEndpoint {

    public static final String PATH = "/console/config.json";

    /** The answer; {@code oidc} is left out when there is none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsoleSettings(Oidc oidc, boolean explorer) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Oidc(String issuer, String clientId, String scopes, String displayName, String token) {
    }

    private final ConsoleSettings settings;

    ConsoleSettingsEndpoint(SecurityProperties security, ConsoleOidcProperties console,
                            @Value("${gateway.console.explorer:true}") boolean explorer) {
        SecurityProperties.Jwt jwt = security.jwt();
        Oidc oidc = jwt.enabled() && console.enabled()
                ? new Oidc(jwt.expectedIssuer(), ConsoleOidcProperties.blank(console.clientId()) ? jwt.audience()
                        : console.clientId(), console.scopes(), console.displayName(), console.token())
                : null;
        this.settings = new ConsoleSettings(oidc, explorer);
    }

    @GetMapping(PATH)
    ResponseEntity<ConsoleSettings> settings() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(settings);
    }
}
