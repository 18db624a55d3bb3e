package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.RepositoryDefinitionConflictException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;

import java.util.Map;

/**
 * The gateway's input fields (as commands and GraphQL name them) as paths in a Repository resource, so that an
 * error about {@code registry.name} points at {@code spec.registryRef.name} of the document that was sent.
 */
public final class ResourceFields {

    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("namespace", "metadata.namespace"),
            Map.entry("name", "metadata.name"),
            Map.entry("displayName", "metadata.annotations[" + RepositoryResource.DISPLAY_NAME + "]"),
            Map.entry("description", "metadata.annotations[" + RepositoryResource.DESCRIPTION + "]"),
            Map.entry("registry", "spec.registryRef"),
            Map.entry("registry.name", "spec.registryRef.name"),
            Map.entry("registry.namespace", "spec.registryRef.namespace"),
            Map.entry("repository", "spec.repository"),
            Map.entry("tag", "spec.tag"),
            Map.entry("syncInterval", "spec.syncInterval"),
            Map.entry("syncTimeout", "spec.syncTimeout"),
            Map.entry("retryCount", "spec.retryCount"),
            Map.entry("expectedVersion", "metadata.resourceVersion"));

    private ResourceFields() {
    }

    /** The resource path of a gateway field; any other text (already a path, a parameter) as it is. */
    public static String path(String field) {
        return field == null ? null : PATHS.getOrDefault(field, field);
    }

    /** The refusal with its fields as resource paths (a validation failure is rebuilt; others stay). */
    public static GatewayException translate(GatewayException refusal) {
        if (refusal instanceof ValidationException invalid && !(refusal instanceof MalformedDocumentException)) {
            return new ValidationException(invalid.violations().stream()
                                                  .map(v -> new Violation(path(v.field()), v.message()))
                                                  .toList());
        }
        if (refusal instanceof RepositoryDefinitionConflictException conflict) {
            return conflict.withFields(ResourceFields::path);
        }
        return refusal;
    }
}
