package io.theriseunion.imagegateway.app.console;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console as a browser meets it, without a token: its page at / and at every deep link, its hashed
 * assets cached for good, and the API's paths still the API's (protected, never answered with the page).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:console-serving;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class ConsoleServingTests {

    private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .header("Accept", "text/html,*/*").build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private static void assertIsTheConsolePage(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body()).contains("<div id=\"root\"></div>").containsPattern(SCRIPT);
    }

    @Test
    void theRootAnswersTheConsoleWithoutAToken() throws Exception {
        HttpResponse<String> root = get("/");
        assertIsTheConsolePage(root);
        assertThat(root.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void aDeepLinkAnswersTheSamePageSoTheScreenItNamesOpens() throws Exception {
        String page = get("/").body();
        for (String link : new String[] {"/repositories/default/nginx", "/repositories", "/registries", "/audit",
                                         "/signin?next=%2Ftokens", "/signin/callback?code=c&state=s",
                                         // the console's GraphQL explorer (Spring's page, fetching from a CDN, is off)
                                         "/graphiql"}) {
            HttpResponse<String> answer = get(link);
            assertIsTheConsolePage(answer);
            assertThat(answer.body()).as(link).isEqualTo(page);
        }
    }

    @Test
    void aHashedAssetIsCachedForAYearAndAMissingOneIsNotThePage() throws Exception {
        Matcher script = SCRIPT.matcher(get("/").body());
        assertThat(script.find()).isTrue();
        HttpResponse<String> asset = get(script.group(1));
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
        assertThat(asset.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cache -> assertThat(cache).contains("max-age=31536000").contains("immutable"));
        assertThat(get("/assets/index-missing.js").statusCode()).isEqualTo(404);
        assertThat(get("/favicon.svg").statusCode()).isEqualTo(200);
    }

    @Test
    void theApiPathsStayTheApisAndProtected() throws Exception {
        assertThat(get("/audit/export").statusCode()).isEqualTo(401);
        assertThat(get("/oapis/image.theriseunion.io/v1alpha1/repositories").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/projections").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        HttpResponse<String> graphQl = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                           .header("Content-Type", "application/json")
                           .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { name } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(graphQl.body()).contains("UNAUTHENTICATED");
        assertThat(get("/graphql/schema").body()).doesNotContain("<div id=\"root\">");
        assertThat(get("/oapis/unknown").body()).doesNotContain("<div id=\"root\">");
    }
}
