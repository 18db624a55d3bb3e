package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API of a running gateway over real HTTP, answers as JSON trees, and the tests' example documents. */
final class ResourceApi {

    static final String BASE = "/oapis/image.theriseunion.io/v1alpha1";
    static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML_TREES = new YAMLMapper();

    private final WebTestClient client;

    ResourceApi(WebTestClient client) {
        this.client = client;
    }

    /** As the cluster admin. */
    static ResourceApi admin(int port) {
        return new ResourceApi(GatewayClient.http(port));
    }

    /** With a bearer token; null for none. */
    static ResourceApi as(int port, String token) {
        WebTestClient anonymous = GatewayClient.anonymousHttp(port);
        return new ResourceApi(token == null ? anonymous
                : anonymous.mutate().defaultHeader("Authorization", "Bearer " + token).build());
    }

    /** An answer: HTTP status, the body as text, and as a JSON tree when it is JSON. */
    record Answer(int status, String text, MediaType type) {

        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text, e);
            }
        }

        /** Asserts a Kubernetes Status of failure with this code and reason, and returns it. */
        JsonNode failure(int code, String reason) {
            assertThat(status).as(text).isEqualTo(code);
            JsonNode status = json();
            assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
            assertThat(status.path("kind").asText()).isEqualTo("Status");
            assertThat(status.path("status").asText()).isEqualTo("Failure");
            assertThat(status.path("code").asInt()).isEqualTo(code);
            assertThat(status.path("reason").asText()).as(text).isEqualTo(reason);
            assertThat(status.path("message").asText()).isNotBlank();
            return status;
        }
    }

    Answer get(String path) {
        return exchange(HttpMethod.GET, path, null, null);
    }

    Answer post(String path, String body, MediaType type) {
        return exchange(HttpMethod.POST, path, body, type);
    }

    Answer postYaml(String namespace, String yaml) {
        return post(BASE + "/namespaces/" + namespace + "/repositories", yaml, YAML);
    }

    Answer delete(String namespace, String name) {
        return exchange(HttpMethod.DELETE, BASE + "/namespaces/" + namespace + "/repositories/" + name, null, null);
    }

    Answer sync(String namespace, String name) {
        return exchange(HttpMethod.POST, BASE + "/namespaces/" + namespace + "/repositories/" + name + "/sync", null,
                        null);
    }

    Answer repository(String namespace, String name) {
        return get(BASE + "/namespaces/" + namespace + "/repositories/" + name);
    }

    Answer exchange(HttpMethod method, String path, String body, MediaType type) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path);
        if (type != null) {
            request.contentType(type);
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? request
                : request.bodyValue(body.getBytes(StandardCharsets.UTF_8));
        EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
        byte[] bytes = result.getResponseBody();
        return new Answer(result.getStatus().value(), bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8),
                          result.getResponseHeaders().getContentType());
    }

    /** A test resource's text, e.g. the product document's examples under src/test/resources/resources/. */
    static String resource(String name) {
        try (InputStream in = ResourceApi.class.getResourceAsStream("/resources/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yamlTree(String yaml) {
        try {
            return YAML_TREES.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String asJson(String yaml) {
        return yamlTree(yaml).toString();
    }

    /** Adds a registry source through GraphQL, unless one of that name is there already. */
    static void ensureRegistry(HttpGraphQlTester graphQl, String namespace, String name, String url) {
        Map<String, Object> input = new HashMap<>(Map.of("namespace", namespace, "name", name, "url", url,
                                                         "insecure", true));
        graphQl.documentName("addRegistry").fragmentName("registryFields").variable("input", input).execute()
               .errors().satisfy(errors -> {
                   if (!errors.isEmpty() && !"ALREADY_EXISTS".equals(errors.get(0).getExtensions().get("code"))) {
                       throw new AssertionError("cannot add registry " + namespace + "/" + name + ": " + errors);
                   }
               });
    }

    /** A Repository document of a library/nginx tag from harbor-prod, with optional description. */
    static String document(String namespace, String name, String tag, String description) {
        return "apiVersion: image.theriseunion.io/v1alpha1\nkind: Repository\nmetadata:\n  name: " + name + "\n"
                + (namespace == null ? "" : "  namespace: " + namespace + "\n")
                + (description == null ? "" : "  annotations:\n    theriseunion.io/description: \"" + description
                + "\"\n")
                + "spec:\n  repository: library/nginx\n  tag: \"" + tag + "\"\n  registryRef:\n    name: harbor-prod\n";
    }
}
