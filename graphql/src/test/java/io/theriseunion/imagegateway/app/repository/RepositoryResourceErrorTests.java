package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class of REST failure answers a Kubernetes Status with the matching HTTP code and reason, and causes that
 * name the field (a path in the resource, or the query parameter): 400, 401, 403, 404, 405, 409, 415, 422.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:rest;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class RepositoryResourceErrorTests {

    @LocalServerPort
    int port;

    ResourceApi api;
    HttpGraphQlTester graphQl;
    String ns;
    String repositories;

    @BeforeEach
    void namespace() {
        api = ResourceApi.admin(port);
        graphQl = GatewayClient.graphQl(port);
        ns = freshNamespace("err");
        repositories = ResourceApi.BASE + "/namespaces/" + ns + "/repositories";
        GatewayClient.ensureRegistry(graphQl, ns);
    }

    private static List<String> fields(JsonNode status) {
        List<String> fields = new ArrayList<>();
        status.path("details").path("causes").forEach(c -> fields.add(c.path("field").asText()));
        return fields;
    }

    private static JsonNode cause(JsonNode status, String field) {
        for (JsonNode cause : status.path("details").path("causes")) {
            if (field.equals(cause.path("field").asText())) {
                return cause;
            }
        }
        throw new AssertionError("no cause for " + field + " in " + status);
    }

    private String token(String role, String namespace) {
        return graphQl.document("mutation($in: CreateApiTokenInput!) { createApiToken(input: $in) { token } }")
                      .variable("in", Map.of("name", role.toLowerCase() + "-" + namespace,
                                             "roles", List.of(Map.of("namespace", namespace, "role", role))))
                      .execute().path("createApiToken.token").entity(String.class).get();
    }

    @Test
    void aBodyThatIsNotARepositoryIs400BadRequest() {
        JsonNode yaml = api.postYaml(ns, "metadata: [name: x\n  spec: {").failure(400, "BadRequest");
        assertThat(yaml.path("message").asText()).contains("document 1").contains("not valid YAML");

        JsonNode json = api.post(repositories, "{\"apiVersion\": ", MediaType.APPLICATION_JSON)
                           .failure(400, "BadRequest");
        assertThat(json.path("message").asText()).contains("not valid JSON");

        JsonNode kind = api.postYaml(ns, ResourceApi.document(ns, "x", "latest", null)
                                                    .replace("kind: Repository", "kind: Deployment"))
                           .failure(400, "BadRequest");
        assertThat(fields(kind)).containsExactly("kind");

        JsonNode types = api.postYaml(ns, ResourceApi.document(ns, "x", "latest", null).replace(
                "tag: \"latest\"", "tag: 1.10\n  retryCount: many\n  mirror: true"))
                            .failure(400, "BadRequest");
        assertThat(fields(types)).containsExactlyInAnyOrder("spec.tag", "spec.retryCount", "spec.mirror");
        assertThat(cause(types, "spec.tag").path("message").asText()).contains("must be a string").contains("quote");
        assertThat(cause(types, "spec.retryCount").path("message").asText()).contains("integer");

        JsonNode empty = api.postYaml(ns, "---\n# nothing\n").failure(400, "BadRequest");
        assertThat(fields(empty)).containsExactly("body");
    }

    @Test
    void aNamespaceInTheDocumentOtherThanTheUrlsIs400() {
        JsonNode status = api.postYaml(ns, ResourceApi.document("elsewhere", "x", "latest", null))
                             .failure(400, "BadRequest");
        assertThat(fields(status)).containsExactly("metadata.namespace");
        assertThat(status.path("message").asText()).contains("elsewhere").contains(ns);
    }

    @Test
    void badListParametersAre400NamingTheParameter() {
        assertThat(fields(api.get(repositories + "?limit=0").failure(400, "BadRequest"))).containsExactly("limit");
        assertThat(fields(api.get(repositories + "?limit=201").failure(400, "BadRequest"))).containsExactly("limit");
        assertThat(fields(api.get(repositories + "?limit=ten").failure(400, "BadRequest"))).containsExactly("limit");
        assertThat(fields(api.get(repositories + "?continue=not-a-token").failure(400, "BadRequest")))
                .containsExactly("continue");
        assertThat(fields(api.get(repositories + "?syncStatus=Success,Done").failure(400, "BadRequest")))
                .containsExactly("syncStatus");
        assertThat(fields(api.get(repositories + "?format=xml").failure(400, "BadRequest"))).containsExactly("format");
        assertThat(fields(api.get(repositories + "?format=yaml&limit=5").failure(400, "BadRequest")))
                .containsExactly("limit");
    }

    @Test
    void noOrAnInvalidTokenIs401Unauthorized() {
        ResourceApi anonymous = ResourceApi.as(port, null);
        anonymous.get(repositories).failure(401, "Unauthorized");
        anonymous.postYaml(ns, ResourceApi.document(ns, "x", "latest", null)).failure(401, "Unauthorized");
        ResourceApi.as(port, "gw_not-a-token").repository(ns, "x").failure(401, "Unauthorized");
        ResourceApi.as(port, "gw_not-a-token").delete(ns, "x").failure(401, "Unauthorized");
    }

    @Test
    void aMissingRoleIs403ForbiddenAndReadsStayAllowed() {
        assertThat(api.postYaml(ns, ResourceApi.document(ns, "kept", "latest", null)).status()).isEqualTo(201);
        ResourceApi viewer = ResourceApi.as(port, token("VIEWER", ns));

        assertThat(viewer.repository(ns, "kept").status()).isEqualTo(200);
        assertThat(viewer.get(repositories).json().path("items")).hasSize(1);
        JsonNode create = viewer.postYaml(ns, ResourceApi.document(ns, "new", "latest", null))
                                .failure(403, "Forbidden");
        assertThat(create.path("message").asText()).contains("EDITOR");
        viewer.postYaml(ns, ResourceApi.document(ns, "a", "latest", null) + "---\n"
                                    + ResourceApi.document(ns, "b", "latest", null)).failure(403, "Forbidden");
        viewer.sync(ns, "kept").failure(403, "Forbidden");
        JsonNode delete = viewer.delete(ns, "kept").failure(403, "Forbidden");
        assertThat(delete.path("message").asText()).contains("ADMIN");

        ResourceApi editor = ResourceApi.as(port, token("EDITOR", ns));
        assertThat(editor.sync(ns, "kept").status()).isEqualTo(202);
        editor.delete(ns, "kept").failure(403, "Forbidden");
        assertThat(api.repository(ns, "kept").status()).isEqualTo(200);
    }

    @Test
    void whatDoesNotExistOrCannotBeReadIs404NotFound() {
        JsonNode missing = api.repository(ns, "ghost").failure(404, "NotFound");
        assertThat(missing.path("details").path("name").asText()).isEqualTo("ghost");
        assertThat(missing.path("details").path("kind").asText()).isEqualTo("repositories");
        api.delete(ns, "ghost").failure(404, "NotFound");
        api.sync(ns, "ghost").failure(404, "NotFound");

        assertThat(api.postYaml(ns, ResourceApi.document(ns, "secret", "latest", null)).status()).isEqualTo(201);
        String other = freshNamespace("other");
        ResourceApi outsider = ResourceApi.as(port, token("VIEWER", other));
        outsider.repository(ns, "secret").failure(404, "NotFound");

        api.get(ResourceApi.BASE + "/namespaces/" + ns + "/widgets").failure(404, "NotFound");
        api.exchange(HttpMethod.PUT, repositories + "/secret", "{}", MediaType.APPLICATION_JSON)
           .failure(405, "MethodNotAllowed");
    }

    @Test
    void aNameThatExistsIs409AlreadyExists() {
        assertThat(api.postYaml(ns, ResourceApi.document(ns, "twice", "latest", null)).status()).isEqualTo(201);
        JsonNode status = api.postYaml(ns, ResourceApi.document(ns, "twice", "stable", null))
                             .failure(409, "AlreadyExists");
        assertThat(status.path("details").path("name").asText()).isEqualTo("twice");
        assertThat(fields(status)).containsExactly("metadata.name");
    }

    @Test
    void anAppliedDocumentThatChangesACoreFieldIs409ConflictForThatItem() {
        assertThat(api.postYaml(ns, ResourceApi.document(ns, "core", "latest", "before")).status()).isEqualTo(201);
        ResourceApi.Answer answer = api.postYaml(ns, ResourceApi.document(ns, "core", "stable", "after") + "---\n"
                + ResourceApi.document(ns, "fine", "latest", null));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode result = answer.json();
        assertThat(result.path("succeeded").asInt()).isEqualTo(1);
        assertThat(result.path("failed").asInt()).isEqualTo(1);
        JsonNode conflict = result.path("items").get(0);
        assertThat(conflict.path("result").asText()).isEqualTo("Failed");
        assertThat(conflict.path("status").path("code").asInt()).isEqualTo(409);
        assertThat(conflict.path("status").path("reason").asText()).isEqualTo("Conflict");
        assertThat(fields(conflict.path("status"))).containsExactly("spec.tag");
        assertThat(conflict.path("status").path("message").asText()).isEqualTo("repository " + ns + "/core exists"
                + " with other values in fields that cannot change (spec.tag); delete it and apply again to replace it");
        assertThat(cause(conflict.path("status"), "spec.tag").path("message").asText())
                .isEqualTo("is \"latest\" and cannot change; the document says \"stable\"");
        // nothing of the conflicting item was applied: not even its new description
        JsonNode kept = api.repository(ns, "core").json();
        assertThat(kept.path("spec").path("tag").asText()).isEqualTo("latest");
        assertThat(kept.path("metadata").path("annotations").path("theriseunion.io/description").asText())
                .isEqualTo("before");
        assertThat(result.path("items").get(1).path("result").asText()).isEqualTo("Created");
    }

    @Test
    void aDocumentNamingARepositoryAnEarlierDocumentNamedIs409AlreadyExistsForThatItem() {
        JsonNode result = api.postYaml(ns, ResourceApi.document(ns, "dup", "latest", null) + "---\n"
                + ResourceApi.document(ns, "dup", "stable", null)).json();
        assertThat(result.path("items")).extracting(i -> i.path("result").asText()).containsExactly("Created", "Failed");
        JsonNode status = result.path("items").get(1).path("status");
        assertThat(status.path("code").asInt()).isEqualTo(409);
        assertThat(status.path("reason").asText()).isEqualTo("AlreadyExists");
        assertThat(status.path("message").asText()).isEqualTo("repository " + ns + "/dup appears earlier in this batch");
        assertThat(fields(status)).containsExactly("metadata.name");
        assertThat(api.repository(ns, "dup").json().path("spec").path("tag").asText()).isEqualTo("latest");
    }

    @Test
    void anApplyOfMoreDocumentsThanTheBatchCapIsRefusedWholeAs422() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            yaml.append(ResourceApi.document(ns, "over-" + i, "latest", null)).append("---\n");
        }
        JsonNode status = api.postYaml(ns, yaml.toString()).failure(422, "Invalid");
        assertThat(fields(status)).containsExactly("documents");
        assertThat(cause(status, "documents").path("message").asText()).isEqualTo("must be at most 500, not 501");
        api.repository(ns, "over-0").failure(404, "NotFound");
    }

    @Test
    void brokenRulesAre422InvalidWithOneCausePerField() {
        String yaml = """
                apiVersion: image.theriseunion.io/v1alpha1
                kind: Repository
                metadata:
                  name: Not_A_Name
                spec:
                  repository: "Library/Nginx"
                  tag: "-latest"
                  registryRef:
                    name: harbor-prod
                  syncInterval: "5s"
                  retryCount: 11
                """;
        JsonNode status = api.postYaml(ns, yaml).failure(422, "Invalid");
        assertThat(fields(status)).containsExactlyInAnyOrder("metadata.name", "spec.repository", "spec.tag",
                                                             "spec.syncInterval", "spec.retryCount");
        assertThat(status.path("details").path("causes"))
                .allSatisfy(c -> assertThat(c.path("reason").asText()).isEqualTo("FieldValueInvalid"));
        assertThat(status.path("message").asText()).startsWith("Repository \"Not_A_Name\" is invalid: ");

        JsonNode required = api.post(repositories, "{\"apiVersion\": \"image.theriseunion.io/v1alpha1\","
                                             + " \"kind\": \"Repository\", \"metadata\": {\"name\": \"x\"}}",
                                     MediaType.APPLICATION_JSON).failure(422, "Invalid");
        assertThat(fields(required)).containsExactlyInAnyOrder("spec.repository", "spec.tag", "spec.registryRef");
        assertThat(cause(required, "spec.tag").path("reason").asText()).isEqualTo("FieldValueRequired");

        JsonNode unknownSource = api.postYaml(ns, ResourceApi.document(ns, "x", "latest", null)
                                                             .replace("name: harbor-prod", "name: nowhere"))
                                    .failure(422, "Invalid");
        assertThat(fields(unknownSource)).containsExactly("spec.registryRef.name");
    }

    @Test
    void aBodyThatIsNeitherJsonNorYamlIs415() {
        api.post(repositories, "name=x", MediaType.TEXT_PLAIN).failure(415, "UnsupportedMediaType");
    }
}
