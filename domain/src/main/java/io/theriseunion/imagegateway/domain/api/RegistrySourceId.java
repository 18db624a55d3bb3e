package io.theriseunion.imagegateway.domain.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identity of a registry source: its namespace and name ({@code default/harbor-prod}). A removed source's
 * name can be added again; its history continues in the same stream.
 */
public record RegistrySourceId(@JsonValue String value) {

    @JsonCreator
    public static RegistrySourceId parse(String value) {
        return new RegistrySourceId(value);
    }

    public static RegistrySourceId of(String namespace, String name) {
        return new RegistrySourceId(namespace + "/" + name);
    }

    public static RegistrySourceId of(RegistryRef ref) {
        return of(ref.namespace(), ref.name());
    }

    @Override
    public String toString() {
        return value;
    }
}
