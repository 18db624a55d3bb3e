package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.domain.api.Violation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.theriseunion.imagegateway.app.repository.DocumentNodes.integer;
import static io.theriseunion.imagegateway.app.repository.DocumentNodes.object;
import static io.theriseunion.imagegateway.app.repository.DocumentNodes.text;

/**
 * Reads a document's tree as a Repository resource, strictly where a slip would go unnoticed: apiVersion and
 * kind must be this API's, spec and registryRef take only their own fields, strings must be strings (an unquoted
 * {@code 1.10} or {@code yes} is refused rather than read as {@code 1.1} or {@code true}). Other metadata (labels,
 * uid, resourceVersion, ...), other annotations and {@code status} are ignored, so that a resource read from
 * this API or from a cluster can be sent back as it is. Missing required values are left to the repository's own
 * rules, which name each one.
 */
public final class ResourceReader {

    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> SPEC = Set.of("repository", "tag", "registryRef", "syncInterval", "syncTimeout",
                                                   "retryCount");
    private static final Set<String> REGISTRY_REF = Set.of("name", "namespace");

    private ResourceReader() {
    }

    /** The resource, or a MalformedDocumentException naming every problem of the document. */
    public static RepositoryResource read(ParsedDocument document) {
        if (document.error() != null) {
            throw document.error();
        }
        JsonNode tree = document.tree();
        List<Violation> problems = new ArrayList<>();
        if (!tree.isObject()) {
            problems.add(new Violation(null, "must be a Repository resource (apiVersion, kind, metadata, spec)"));
            throw new MalformedDocumentException(document.index(), document.line(), problems);
        }
        unknown(problems, tree, "", TOP);
        String apiVersion = expect(problems, tree, "apiVersion", RepositoryResource.API_VERSION);
        String kind = RepositoryResource.KIND.equals(tree.path("kind").textValue()) ? RepositoryResource.KIND : null;
        if (kind == null) { // a RegistrySource never comes here: the apply reads those itself
            problems.add(new Violation("kind", "must be " + RepositoryResource.KIND + " (or "
                    + RegistrySourceResource.KIND + ")"));
        }
        JsonNode metadata = object(problems, tree, "metadata", "metadata");
        JsonNode spec = object(problems, tree, "spec", "spec");
        unknown(problems, spec, "spec.", SPEC);
        JsonNode ref = object(problems, spec, "registryRef", "spec.registryRef");
        unknown(problems, ref, "spec.registryRef.", REGISTRY_REF);
        RepositoryResource resource = new RepositoryResource(
                apiVersion, kind,
                new RepositoryResource.Metadata(text(problems, metadata, "name", "metadata.name"),
                                                text(problems, metadata, "namespace", "metadata.namespace"),
                                                null, null, null, annotations(problems, metadata)),
                new RepositoryResource.Spec(text(problems, spec, "repository", "spec.repository"),
                                            text(problems, spec, "tag", "spec.tag"),
                                            ref == null ? null : new RepositoryResource.RegistryRef(
                                                    text(problems, ref, "name", "spec.registryRef.name"),
                                                    text(problems, ref, "namespace", "spec.registryRef.namespace")),
                                            text(problems, spec, "syncInterval", "spec.syncInterval"),
                                            text(problems, spec, "syncTimeout", "spec.syncTimeout"),
                                            integer(problems, spec, "retryCount", "spec.retryCount")),
                null);
        if (!problems.isEmpty()) {
            throw new MalformedDocumentException(document.index(), document.line(), problems);
        }
        return resource;
    }

    /** metadata.namespace and metadata.name as far as they can be read, for naming a broken document. */
    public static RepositoryRef namesOf(ParsedDocument document) {
        JsonNode metadata = document.tree() == null ? null : document.tree().get("metadata");
        return new RepositoryRef(textOrNull(metadata, "namespace"), textOrNull(metadata, "name"));
    }

    private static String expect(List<Violation> problems, JsonNode tree, String name, String expected) {
        JsonNode node = tree.get(name);
        if (node == null || !expected.equals(node.textValue())) {
            problems.add(new Violation(name, "must be " + expected));
            return null;
        }
        return expected;
    }

    private static Map<String, String> annotations(List<Violation> problems, JsonNode metadata) {
        JsonNode annotations = object(problems, metadata, "annotations", "metadata.annotations");
        if (annotations == null) {
            return null;
        }
        Map<String, String> ours = new LinkedHashMap<>();
        for (String key : List.of(RepositoryResource.DISPLAY_NAME, RepositoryResource.DESCRIPTION)) {
            String value = text(problems, annotations, key, "metadata.annotations[" + key + "]");
            if (value != null) {
                ours.put(key, value);
            }
        }
        return ours;
    }

    private static void unknown(List<Violation> problems, JsonNode node, String prefix, Set<String> known) {
        if (node == null) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new Violation(prefix + name, "is not a field of a " + RepositoryResource.KIND
                        + (prefix.isEmpty() ? "" : " " + prefix.substring(0, prefix.length() - 1))
                        + "; its fields are " + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    private static String textOrNull(JsonNode parent, String name) {
        JsonNode node = parent == null ? null : parent.get(name);
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
