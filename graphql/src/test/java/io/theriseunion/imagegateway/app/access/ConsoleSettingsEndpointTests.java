package io.theriseunion.imagegateway.app.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code GET /console/config.json}, what the console's sign-in screen reads before anyone signs in: public, the
 * OIDC provider's public facts only (never a secret of the gateway), and no OIDC at all where the gateway accepts
 * no OIDC JWTs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:console-settings;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data",
                                  "gateway.security.admin-token=" + ConsoleSettingsEndpointTests.ADMIN_TOKEN,
                                  // jwk-set-uri mode: the keys are fetched on the first JWT, never at start
                                  "gateway.security.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
                                  "gateway.security.jwt.issuer=https://idp.example.test/realms/gw",
                                  "gateway.security.jwt.audience=image-gateway",
                                  "gateway.console.oidc.display-name=Keycloak"})
class ConsoleSettingsEndpointTests {

    static final String ADMIN_TOKEN = "console-settings-admin-token-0123456789abcdef";

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                                          .header("Accept", "application/json").build(),
                                               HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSignInScreenLearnsTheProviderWithoutAToken() throws Exception {
        HttpResponse<String> answer = get(ConsoleSettingsEndpoint.PATH);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache");
        JsonNode settings = new ObjectMapper().readTree(answer.body());
        JsonNode oidc = settings.get("oidc");
        assertThat(oidc.get("issuer").asText()).isEqualTo("https://idp.example.test/realms/gw");
        // the client id defaults to the audience: the ID token's aud is then what the gateway checks
        assertThat(oidc.get("clientId").asText()).isEqualTo("image-gateway");
        assertThat(oidc.get("scopes").asText()).isEqualTo("openid profile");
        assertThat(oidc.get("displayName").asText()).isEqualTo("Keycloak");
        assertThat(oidc.get("token").asText()).isEqualTo("id_token");
        assertThat(settings.get("explorer").asBoolean()).isTrue();
        // nothing else: no secret, no key, no internal address (the JWK set URI is the gateway's business)
        assertThat(settings.properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder(
                "oidc", "explorer");
        assertThat(oidc.properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder(
                "issuer", "clientId", "scopes", "displayName", "token");
        assertThat(answer.body()).doesNotContain(ADMIN_TOKEN).doesNotContain("127.0.0.1:9");
    }

    @Test
    void withoutOidcTheAnswerNamesNoProvider() {
        SecurityProperties off = new SecurityProperties(null, null, null, null, null);
        ConsoleSettingsEndpoint.ConsoleSettings settings = new ConsoleSettingsEndpoint(
                off, new ConsoleOidcProperties(null, "console", null, null, null), false).settings().getBody();
        assertThat(settings.oidc()).isNull();
        assertThat(settings.explorer()).isFalse();
        // nor where the console's sign-in is turned off though the gateway accepts the provider's JWTs
        SecurityProperties on = new SecurityProperties(null, null, null, null, new SecurityProperties.Jwt(
                "https://idp.example.test", null, null, "image-gateway", null, null));
        assertThat(new ConsoleSettingsEndpoint(on, new ConsoleOidcProperties(false, null, null, null, null), true)
                           .settings().getBody().oidc()).isNull();
        assertThat(new ConsoleSettingsEndpoint(on, new ConsoleOidcProperties(null, "console", "openid", null,
                                                                             "access_token"), true)
                           .settings().getBody().oidc())
                .isEqualTo(new ConsoleSettingsEndpoint.Oidc("https://idp.example.test", "console", "openid", null,
                                                            "access_token"));
    }

    @Test
    void aTokenChoiceOtherThanTheTwoStopsTheStart() {
        assertThatThrownBy(() -> new ConsoleOidcProperties(null, null, null, null, "refresh_token"))
                .hasMessageContaining("GATEWAY_CONSOLE_OIDC_TOKEN");
    }
}
