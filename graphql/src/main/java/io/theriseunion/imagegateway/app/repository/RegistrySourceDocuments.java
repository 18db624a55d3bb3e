package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;
import io.theriseunion.imagegateway.projections.registry.RegistryView;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.theriseunion.imagegateway.app.repository.DocumentNodes.bool;
import static io.theriseunion.imagegateway.app.repository.DocumentNodes.integer;
import static io.theriseunion.imagegateway.app.repository.DocumentNodes.object;
import static io.theriseunion.imagegateway.app.repository.DocumentNodes.text;

/**
 * RegistrySource documents: which documents are ones, reading one strictly (as {@link ResourceReader} reads a
 * Repository: only its own fields, values of their own type), writing one for an export. A secret is refused by
 * name: {@code spec.password} (or token, secret, credentials) fails with VALIDATION_FAILED saying where credentials
 * are set instead, so a secret is never stored from, or written to, a YAML file.
 */
public final class RegistrySourceDocuments {

    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> SPEC = Set.of("url", "insecure", "description", "username", "caCertificate",
                                                   "concurrencyLimit", "shared");
    private static final Set<String> SECRETS = Set.of("password", "token", "secret", "credentials");

    private RegistrySourceDocuments() {
    }

    /** Whether the document says it is a RegistrySource (kind: RegistrySource). */
    public static boolean isSource(ParsedDocument document) {
        JsonNode tree = document.tree();
        return tree != null && tree.isObject() && tree.get("kind") != null
                && RegistrySourceResource.KIND.equals(tree.get("kind").textValue());
    }

    /** What an export writes: the settings, never a secret, nothing of this gateway's state. */
    public static RegistrySourceResource exported(RegistryView v) {
        return new RegistrySourceResource(RepositoryResource.API_VERSION, RegistrySourceResource.KIND,
                                          new RegistrySourceResource.Metadata(v.name(), v.namespace()),
                                          new RegistrySourceResource.Spec(v.url(), v.insecure(), v.description(),
                                                                          v.username(), v.caCertificate(),
                                                                          v.concurrencyLimit(), v.shared()));
    }

    /**
     * The resource of a RegistrySource document, with its namespace: the request's (a document naming another one
     * is refused), or the document's own when namespace is null. Every problem named at once.
     */
    public static RegistrySourceResource read(ParsedDocument document, String namespace) {
        JsonNode tree = document.tree();
        List<Violation> problems = new ArrayList<>();
        unknown(problems, tree, "", TOP);
        if (!RepositoryResource.API_VERSION.equals(text(problems, tree, "apiVersion", "apiVersion"))) {
            problems.add(new Violation("apiVersion", "must be " + RepositoryResource.API_VERSION));
        }
        JsonNode metadata = object(problems, tree, "metadata", "metadata");
        JsonNode spec = object(problems, tree, "spec", "spec");
        if (spec != null) {
            for (Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (SECRETS.contains(name.toLowerCase(Locale.ROOT))) {
                    problems.add(new Violation("spec." + name, "is refused: a YAML document never carries a secret."
                            + " Apply the source without it, then set its password or token with updateRegistry"
                            + " (or in the console)"));
                } else if (!SPEC.contains(name)) {
                    problems.add(new Violation("spec." + name, "is not a field of a RegistrySource spec; its fields"
                            + " are " + String.join(", ", SPEC.stream().sorted().toList())));
                }
            }
        }
        String own = text(problems, metadata, "namespace", "metadata.namespace");
        if (namespace != null && own != null && !own.equals(namespace)) {
            problems.add(new Violation("metadata.namespace", "is \"" + own + "\", but the request is for namespace \""
                    + namespace + "\"; remove it or make them agree"));
        }
        RegistrySourceResource resource = new RegistrySourceResource(
                RepositoryResource.API_VERSION, RegistrySourceResource.KIND,
                new RegistrySourceResource.Metadata(text(problems, metadata, "name", "metadata.name"),
                                                    namespace != null ? namespace : own),
                new RegistrySourceResource.Spec(text(problems, spec, "url", "spec.url"),
                                                bool(problems, spec, "insecure", "spec.insecure"),
                                                text(problems, spec, "description", "spec.description"),
                                                text(problems, spec, "username", "spec.username"),
                                                text(problems, spec, "caCertificate", "spec.caCertificate"),
                                                integer(problems, spec, "concurrencyLimit", "spec.concurrencyLimit"),
                                                bool(problems, spec, "shared", "spec.shared")));
        if (!problems.isEmpty()) {
            throw new MalformedDocumentException(document.index(), document.line(), problems);
        }
        return resource;
    }

    /** The refusal with the source's input fields (url, name, ...) as paths in the document (spec.url, metadata.name). */
    public static GatewayException translate(GatewayException refusal) {
        if (refusal instanceof ValidationException invalid && !(refusal instanceof MalformedDocumentException)) {
            return new ValidationException(invalid.violations().stream()
                                                  .map(v -> new Violation(path(v.field()), v.message())).toList());
        }
        return refusal;
    }

    private static String path(String field) {
        if (field == null) {
            return null;
        }
        if (field.equals("namespace") || field.equals("name")) {
            return "metadata." + field;
        }
        return SPEC.contains(field) ? "spec." + field : field;
    }

    private static void unknown(List<Violation> problems, JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new Violation(prefix + name, "is not a field of a RegistrySource; its fields are "
                        + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }
}
