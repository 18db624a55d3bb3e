package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A registry source as YAML files write it ({@code image.theriseunion.io/v1alpha1}, kind {@code RegistrySource}):
 * its settings and nothing secret. A password or token is never written and never read: it is set through
 * {@code updateRegistry} (or the console) on the gateway that uses it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrySourceResource(String apiVersion, String kind, Metadata metadata, Spec spec) {

    public static final String KIND = "RegistrySource";
    /** The resource name in URLs. */
    public static final String PLURAL = "registrysources";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(String name, String namespace) {
    }

    /** Omitted fields: a new source takes the defaults (not insecure, not shared, 4 syncs at once); an existing one keeps its value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(String url, Boolean insecure, String description, String username, String caCertificate,
                       Integer concurrencyLimit, Boolean shared) {
    }
}
