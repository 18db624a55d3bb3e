package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * A repository as the REST API and YAML files write it: the product's custom resource
 * ({@code image.theriseunion.io/v1alpha1}, kind {@code Repository}), with display name and description as
 * annotations and, in answers, the read-only {@code status}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryResource(String apiVersion, String kind, Metadata metadata, Spec spec,
                                 RepositoryStatus status) {

    public static final String GROUP = "image.theriseunion.io";
    public static final String API_VERSION = GROUP + "/v1alpha1";
    public static final String KIND = "Repository";
    /** The resource name in URLs and in Status details. */
    public static final String PLURAL = "repositories";
    public static final String DISPLAY_NAME = "theriseunion.io/display-name";
    public static final String DESCRIPTION = "theriseunion.io/description";

    /** uid is the repository's id; resourceVersion its version (1 after the add, one more per edit). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Metadata(String name, String namespace, String uid, String resourceVersion,
                           Instant creationTimestamp, Map<String, String> annotations) {
    }

    /** syncInterval, syncTimeout and retryCount are optional in a request and always present in an answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(String repository, String tag, RegistryRef registryRef, String syncInterval,
                       String syncTimeout, Integer retryCount) {
    }

    /** The registry source; namespace defaults to the repository's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegistryRef(String name, String namespace) {
    }
}
