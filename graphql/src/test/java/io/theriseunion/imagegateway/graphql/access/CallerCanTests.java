package io.theriseunion.imagegateway.graphql.access;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static io.theriseunion.imagegateway.support.GraphQlErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * me.can over HTTP with tokens of each role: what it answers per action, in the namespace, in another one and in
 * every namespace; and that it agrees with what the operations then allow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:screens;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class CallerCanTests {

    private static final List<String> ACTIONS = List.of("READ", "EDIT", "DELETE", "MANAGE_REGISTRIES", "MANAGE_TOKENS",
                                                        "READ_AUDIT");
    private static final String ME = "query($ns: String) { me { name roles { namespace role }"
            + " read: can(namespace: $ns, action: READ) edit: can(namespace: $ns, action: EDIT)"
            + " delete: can(namespace: $ns, action: DELETE) registries: can(namespace: $ns, action: MANAGE_REGISTRIES)"
            + " tokens: can(namespace: $ns, action: MANAGE_TOKENS) audit: can(namespace: $ns, action: READ_AUDIT)"
            + " elsewhere: can(namespace: \"not-mine\", action: READ) cluster: can(action: READ) } }";

    @LocalServerPort
    int port;

    HttpGraphQlTester admin;
    String ns;

    @BeforeEach
    void namespace() {
        admin = GatewayClient.graphQl(port);
        ns = freshNamespace("can");
        GatewayClient.ensureRegistry(admin, ns);
    }

    @Test
    void eachRoleCanExactlyItsActionsInItsNamespaceOnly() {
        assertCan("VIEWER", "READ");
        assertCan("EDITOR", "READ", "EDIT");
        assertCan("ADMIN", "READ", "EDIT", "DELETE", "MANAGE_REGISTRIES", "MANAGE_TOKENS");
        assertCan("AUDITOR", "READ_AUDIT");
    }

    @Test
    void aClusterBindingCanInEveryNamespace() {
        GraphQlTester.Response me = admin.document(ME).variable("ns", ns).execute();
        me.path("me.name").entity(String.class).isEqualTo("admin")
          .path("me.cluster").entity(Boolean.class).isEqualTo(true)
          .path("me.elsewhere").entity(Boolean.class).isEqualTo(true)
          .path("me.delete").entity(Boolean.class).isEqualTo(true);
        String viewerEverywhere = token("v-all-" + ns, Map.of("role", "VIEWER"));
        GatewayClient.graphQl(port, viewerEverywhere).document(ME).variable("ns", ns).execute()
                     .path("me.cluster").entity(Boolean.class).isEqualTo(true)
                     .path("me.elsewhere").entity(Boolean.class).isEqualTo(true)
                     .path("me.edit").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void theAnswerIsWhatTheOperationsDo() {
        Map<String, Object> input = GatewayClient.addInput(ns, "web");
        String viewer = token("v-" + ns, Map.of("namespace", ns, "role", "VIEWER"));
        GatewayClient.graphQl(port, viewer).document(ME).variable("ns", ns).execute()
                     .path("me.edit").entity(Boolean.class).isEqualTo(false);
        assertError(GatewayClient.graphQl(port, viewer).documentName("addRepository").fragmentName("repositoryFields")
                                 .variable("input", input).execute(), "FORBIDDEN", null);
        String editor = token("e-" + ns, Map.of("namespace", ns, "role", "EDITOR"));
        GatewayClient.graphQl(port, editor).document(ME).variable("ns", ns).execute()
                     .path("me.edit").entity(Boolean.class).isEqualTo(true)
                     .path("me.delete").entity(Boolean.class).isEqualTo(false);
        GatewayClient.graphQl(port, editor).documentName("addRepository").fragmentName("repositoryFields")
                     .variable("input", input).execute().path("addRepository.name").entity(String.class)
                     .isEqualTo("web");
        assertError(GatewayClient.graphQl(port, editor).document(
                "mutation($ns: String!) { deleteRepository(namespace: $ns, name: \"web\", confirmName: \"web\") { deleted } }")
                                 .variable("ns", ns).execute(), "FORBIDDEN", null);
        assertError(GatewayClient.graphQl(port, null).document(ME).variable("ns", ns).execute(), "UNAUTHENTICATED",
                    null);
    }

    private void assertCan(String role, String... actions) {
        String token = token(role.toLowerCase() + "-" + ns, Map.of("namespace", ns, "role", role));
        GraphQlTester.Response me = GatewayClient.graphQl(port, token).document(ME).variable("ns", ns).execute();
        me.path("me.name").entity(String.class).isEqualTo("token:" + role.toLowerCase() + "-" + ns)
          .path("me.roles[0].role").entity(String.class).isEqualTo(role)
          .path("me.elsewhere").entity(Boolean.class).isEqualTo(false)
          .path("me.cluster").entity(Boolean.class).isEqualTo(false);
        List<String> fields = List.of("read", "edit", "delete", "registries", "tokens", "audit");
        for (int i = 0; i < ACTIONS.size(); i++) {
            boolean expected = List.of(actions).contains(ACTIONS.get(i));
            me.path("me." + fields.get(i)).entity(Boolean.class)
              .satisfies(can -> assertThat(can).as(role + " " + fields).isEqualTo(expected));
        }
    }

    private String token(String name, Map<String, String> role) {
        return admin.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                    .variable("in", Map.of("name", name, "roles", List.of(role)))
                    .execute().path("createApiToken.token").entity(String.class).get();
    }
}
