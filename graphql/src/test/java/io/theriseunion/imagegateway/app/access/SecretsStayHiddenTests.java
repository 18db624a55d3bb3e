package io.theriseunion.imagegateway.app.access;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registry password planted through the API, then searched for everywhere a user or operator could read:
 * every text and binary column of every table (the event store, snapshots, read models, audit log), the logs,
 * GraphQL answers and error messages, the audit export. It must be nowhere. The same for an API token's secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:secrets;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayHiddenTests {

    private static final String PASSWORD = "Pl4nted-Registry-S3cret-7f3a";
    private static final String SECOND_PASSWORD = "An0ther-Pl4nted-S3cret-91cd";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPlantedRegistryPasswordAndATokenSecretAppearNowhere(CapturedOutput output) {
        String ns = freshNamespace("secret");
        HttpGraphQlTester admin = GatewayClient.graphQl(port);
        List<String> answers = new ArrayList<>();
        answers.add(admin.documentName("addRegistry").fragmentName("registryFields")
                         .variable("input", Map.of("namespace", ns, "name", "vault", "url", "https://127.0.0.1:9",
                                                   "username", "robot", "password", PASSWORD))
                         .execute().returnResponse().toString());
        answers.add(admin.documentName("updateRegistry").fragmentName("registryFields")
                         .variable("input", Map.of("namespace", ns, "name", "vault", "password", SECOND_PASSWORD))
                         .execute().returnResponse().toString());
        // refused changes carrying the password, also typed into the URL: the errors must not echo it
        answers.add(admin.documentName("updateRegistry").fragmentName("registryFields")
                         .variable("input", Map.of("namespace", ns, "name", "vault",
                                                   "url", "https://robot:" + PASSWORD + "@127.0.0.1:9",
                                                   "password", PASSWORD))
                         .execute().returnResponse().toString());
        answers.add(admin.documentName("addRegistry").fragmentName("registryFields")
                         .variable("input", Map.of("namespace", ns, "name", "vault", "url", "https://127.0.0.1:9",
                                                   "password", PASSWORD))
                         .execute().returnResponse().toString());
        String token = admin.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                            .variable("in", Map.of("name", "planted-" + ns, "roles", List.of(Map.of("namespace", ns,
                                                                                              "role", "VIEWER"))))
                            .execute().path("createApiToken.token").entity(String.class).get();
        GatewayClient.graphQl(port, token).document("{ me { name } }").execute();
        GatewayClient.graphQl(port, token + "x").document("{ me { name } }").execute();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                admin.document("query($ns: String) { auditLog(filter: {namespace: $ns}) { edges { node { action } } } }")
                     .variable("ns", ns).execute().path("auditLog.edges[*].node.action").entityList(String.class).get())
                .contains("registry.credentials.changed"));
        // and the token's creation, made last: the stored log follows the events on its own (gathered into batches),
        // so the log and the tables read below hold it only once it is there
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin
                .document("query($n: String) { auditLog(filter: {targetName: $n, actions: [\"apitoken.created\"]}) {"
                                  + " totalCount } }")
                .variable("n", "planted-" + ns).execute().path("auditLog.totalCount").entity(Integer.class).isEqualTo(1));
        answers.add(admin.document("query($ns: String!) { registry(namespace: $ns, name: \"vault\") { url username"
                                           + " hasCredentials } registries(namespace: $ns) { edges { node { name } } } }")
                         .variable("ns", ns).execute().returnResponse().toString());
        answers.add(admin.document("{ auditLog(first: 200) { edges { node { id action details actor } } } }")
                         .execute().returnResponse().toString());
        answers.add(GatewayClient.http(port).get().uri("/audit/export").exchange().expectStatus().isOk()
                                 .expectBody(String.class).returnResult().getResponseBody());

        List<String> secrets = List.of(PASSWORD, SECOND_PASSWORD, token);
        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(secrets));
        assertThat(output.getAll()).doesNotContain(secrets);
        assertThat(tablesContaining(secrets)).as("tables holding a secret in clear").isEmpty();
    }

    /** Every table.column whose text (or bytes read as UTF-8) contains one of the secrets. */
    private List<String> tablesContaining(List<String> secrets) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.queryForList(
                "select table_name, column_name, data_type from information_schema.columns where table_schema = 'PUBLIC'");
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("TABLE_NAME");
            String name = (String) column.get("COLUMN_NAME");
            String type = String.valueOf(column.get("DATA_TYPE"));
            if (!(type.contains("CHAR") || type.contains("CLOB") || type.contains("BLOB") || type.contains("BINARY"))) {
                continue;
            }
            jdbc.query("select \"" + name + "\" from \"" + table + "\"", rs -> {
                Object value = rs.getObject(1);
                String text;
                if (value instanceof java.sql.Blob blob) {
                    text = new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8);
                } else if (value instanceof java.sql.Clob clob) {
                    text = clob.getSubString(1, (int) clob.length());
                } else if (value instanceof byte[] bytes) {
                    text = new String(bytes, StandardCharsets.UTF_8);
                } else {
                    text = String.valueOf(value);
                }
                secrets.stream().filter(text::contains).forEach(s -> found.add(table + "." + name));
            });
        }
        return found;
    }
}
