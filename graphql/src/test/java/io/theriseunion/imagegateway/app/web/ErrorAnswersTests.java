package io.theriseunion.imagegateway.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error bodies every edge answers outside GraphQL execution, field for field: the security filter's (per edge:
 * GraphQL, Kubernetes Status, plain JSON), the access-denied answer, the body-size limit, a request that is not
 * GraphQL, the webhook's and the audit export's. Written against the answers as they were before they came from
 * one helper, so that the refactoring provably kept them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:error-answers;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data", "gateway.limits.graphql-body=64KB",
                                  "gateway.webhook.max-refusals-per-interval=1"})
class ErrorAnswersTests {

    private static final String MISSING = "this request needs credentials: send \"Authorization: Bearer <token>\" with"
            + " an API token or an OIDC access token (on a WebSocket, in the connection_init payload)";
    private static final String REPOSITORIES = "/oapis/image.theriseunion.io/v1alpha1/namespaces/default/repositories";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private record Answer(int status, HttpResponse<String> response, JsonNode body) {
    }

    private Answer send(String method, String path, String token, String contentType, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                                 .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response, json.readTree(response.body()));
    }

    private Answer get(String path, String token) throws Exception {
        return send("GET", path, token, null, HttpRequest.BodyPublishers.noBody());
    }

    private Answer post(String path, String token, String contentType, String body) throws Exception {
        return send("POST", path, token, contentType, HttpRequest.BodyPublishers.ofString(body));
    }

    private JsonNode tree(String text) throws Exception {
        return json.readTree(text);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    private String token(List<Map<String, Object>> roles) {
        return GatewayClient.graphQl(port)
                            .document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                            .variable("in", Map.of("name", freshNamespace("t"), "roles", roles)).execute()
                            .path("createApiToken.token").entity(String.class).get();
    }

    @Test
    void aGraphQlRequestWithABadTokenGetsAGraphQlErrorWithHttp200() throws Exception {
        Answer answer = post("/graphql", "gw_not-a-token", "application/json", "{\"query\":\"{ me { name } }\"}");
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(answer.body).isEqualTo(tree("{\"errors\":[{\"message\":\"the API token is unknown, revoked or"
                + " expired\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}"));
    }

    @Test
    void theRestApiWithoutATokenGetsAKubernetesStatus401() throws Exception {
        Answer answer = get(REPOSITORIES, null);
        assertThat(answer.status).isEqualTo(401);
        assertThat(answer.response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(answer.body).isEqualTo(tree("{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":" + quoted(MISSING) + ",\"reason\":\"Unauthorized\","
                + "\"details\":{\"group\":\"image.theriseunion.io\",\"kind\":\"repositories\"},\"code\":401}"));
    }

    @Test
    void anyOtherEndpointWithoutATokenGetsAPlainCodeAndMessage401() throws Exception {
        Answer answer = get("/audit/export", null);
        assertThat(answer.status).isEqualTo(401);
        assertThat(answer.response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(answer.body).isEqualTo(tree("{\"code\":\"UNAUTHENTICATED\",\"message\":" + quoted(MISSING) + "}"));
        Answer badToken = get("/actuator/projections", "gw_not-a-token");
        assertThat(badToken.status).isEqualTo(401);
        assertThat(badToken.body).isEqualTo(tree("{\"code\":\"UNAUTHENTICATED\",\"message\":\"the API token is"
                + " unknown, revoked or expired\"}"));
    }

    @Test
    void anOperationsEndpointForACallerWithoutClusterAdminIsAPlainForbidden() throws Exception {
        String scraper = token(List.of(Map.of("role", "METRICS")));
        Answer answer = get("/actuator/projections", scraper);
        assertThat(answer.status).isEqualTo(403);
        assertThat(answer.body).isEqualTo(tree("{\"code\":\"FORBIDDEN\",\"message\":\"this endpoint is for callers"
                + " with ADMIN in every namespace (metrics also for the cluster role METRICS)\"}"));
    }

    @Test
    void aBodyOverTheLimitIsAPlainRequestTooLarge() throws Exception {
        byte[] body = ("{\"query\":\"{ me { name } }\",\"variables\":{\"a\":\"" + "x".repeat(100_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        Answer answer = send("POST", "/graphql", null, "application/json",
                             HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertThat(answer.status).isEqualTo(413);
        assertThat(answer.body).isEqualTo(tree("{\"code\":\"REQUEST_TOO_LARGE\",\"message\":\"the request body may"
                + " have at most 65536 bytes here; the gateway's gateway.limits.graphql-body sets it\"}"));
    }

    @Test
    void aRequestThatIsNotGraphQlGetsTheErrorAttributesWithACode() throws Exception {
        Answer answer = post("/graphql", GatewayClient.ADMIN_TOKEN, "application/json", "{not json");
        assertThat(answer.status).isEqualTo(400);
        assertThat(answer.body.get("timestamp").isTextual()).isTrue();
        ObjectNode rest = ((ObjectNode) answer.body).deepCopy();
        rest.remove("timestamp");
        assertThat(rest).isEqualTo(tree("{\"status\":400,\"error\":\"Bad Request\",\"path\":\"/graphql\","
                + "\"code\":\"BAD_REQUEST\",\"message\":\"the request body is not a GraphQL request: send JSON such as"
                + " {\\\"query\\\": \\\"{ repositories { totalCount } }\\\", \\\"variables\\\": {}}\"}"));
    }

    @Test
    void theAuditExportAnswersItsRefusalsAsPlainCodeAndMessage() throws Exception {
        Answer bad = get("/audit/export?from=yesterday", GatewayClient.ADMIN_TOKEN);
        assertThat(bad.status).isEqualTo(400);
        assertThat(bad.body).isEqualTo(tree("{\"code\":\"VALIDATION_FAILED\",\"field\":\"from\",\"message\":\"from must"
                + " be an RFC 3339 date-time with its offset, e.g. 2024-01-08T08:00:00Z or 2024-01-08T16:00:00+08:00\"}"));
        String viewer = token(List.of(Map.of("namespace", freshNamespace("v"), "role", "VIEWER")));
        Answer forbidden = get("/audit/export", viewer);
        assertThat(forbidden.status).isEqualTo(403);
        assertThat(forbidden.body.get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(forbidden.body.get("message").asText()).startsWith("auditExport needs the role AUDITOR");
        assertThat(forbidden.body.size()).isEqualTo(2);
    }

    @Test
    void theWebhookAnswersPlainCodeAndMessage() throws Exception {
        Answer unknown = post("/webhooks/registry/default/no-such-source", "x", "application/json", "{}");
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.body).isEqualTo(tree("{\"code\":\"NOT_FOUND\",\"message\":\"no registry source"
                + " default/no-such-source receives webhooks here\"}"));

        String ns = freshNamespace("hook");
        HttpGraphQlTester admin = GatewayClient.graphQl(port);
        GatewayClient.ensureRegistry(admin, ns);
        String path = "/webhooks/registry/" + ns + "/harbor-prod";
        Answer wrong = post(path, "whs_wrong", "application/json", "{}");
        assertThat(wrong.status).isEqualTo(401);
        assertThat(wrong.body).isEqualTo(tree("{\"code\":\"UNAUTHENTICATED\",\"message\":\"this webhook needs the"
                + " registry source's webhook secret as Authorization: Bearer <secret> (rotateRegistryWebhookSecret"
                + " issues one)\"}"));
        Answer limited = post(path, "whs_wrong", "application/json", "{}");
        assertThat(limited.status).isEqualTo(429);
        assertThat(limited.response.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body.get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(limited.body.get("message").asText())
                .startsWith("too many refused webhook calls for this registry source; retry after ")
                .endsWith(" s with the right secret");
        assertThat(limited.body.size()).isEqualTo(2);

        String secret = admin.document("mutation($ns: String!, $n: String!) { rotateRegistryWebhookSecret(namespace:"
                                               + " $ns, name: $n) { secret } }")
                             .variable("ns", ns).variable("n", "harbor-prod").execute()
                             .path("rotateRegistryWebhookSecret.secret").entity(String.class).get();
        Answer notJson = post(path, secret, "application/json", "not json");
        assertThat(notJson.status).isEqualTo(400);
        assertThat(notJson.body.get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(notJson.body.get("message").asText()).isNotBlank();
        assertThat(notJson.body.size()).isEqualTo(2);
    }

    @Test
    void aRefusalInGraphQlCarriesItsCodeFieldAndClassification() throws Exception {
        Answer missing = post("/graphql", GatewayClient.ADMIN_TOKEN, "application/json",
                              "{\"query\":\"mutation { deleteRepository(namespace: \\\"nowhere\\\", name: \\\"nothing\\\", confirmName: \\\"nothing\\\") { name } }\"}");
        assertThat(missing.body.at("/errors/0/extensions")).isEqualTo(tree("{\"code\":\"NOT_FOUND\","
                + "\"classification\":\"NOT_FOUND\"}"));
        assertThat(missing.body.at("/errors/0/message").asText()).isEqualTo("repository nowhere/nothing not found");
    }
}
