package io.theriseunion.imagegateway.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the pushes out of a webhook body: CNCF distribution notification envelopes ({@code {"events": [...]}},
 * {@code action: push}, {@code target.repository/tag/digest}) and Harbor payloads ({@code type: PUSH_ARTIFACT}).
 * Pulls, deletes and blob pushes are not pushes of a tag and are left out.
 */
final class RegistryNotifications {

    private static final Set<String> MANIFEST_TYPES = Set.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private RegistryNotifications() {
    }

    /** The tag pushes in the body; IllegalArgumentException when it is not JSON of either kind. */
    static List<PushedImage> pushes(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        List<PushedImage> pushes = new ArrayList<>();
        if (root.has("events")) {
            for (JsonNode event : root.path("events")) {
                JsonNode target = event.path("target");
                String mediaType = target.path("mediaType").asText("");
                if ("push".equals(event.path("action").asText()) && !target.path("tag").asText("").isEmpty()
                        && (mediaType.isEmpty() || MANIFEST_TYPES.contains(mediaType))) {
                    pushes.add(new PushedImage(target.path("repository").asText(), target.path("tag").asText(),
                                               text(target.path("digest"))));
                }
            }
        } else if ("PUSH_ARTIFACT".equals(root.path("type").asText())) {
            JsonNode data = root.path("event_data");
            String repository = data.path("repository").path("repo_full_name").asText("");
            for (JsonNode resource : data.path("resources")) {
                if (!repository.isEmpty() && !resource.path("tag").asText("").isEmpty()) {
                    pushes.add(new PushedImage(repository, resource.path("tag").asText(), text(resource.path("digest"))));
                }
            }
        } else if (!root.has("type")) {
            throw new IllegalArgumentException("the body is neither a distribution notification envelope"
                                                       + " ({\"events\": [...]}) nor a Harbor webhook payload");
        }
        return pushes;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
