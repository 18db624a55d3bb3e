package io.theriseunion.imagegateway.domain.api;

/** Reference to a registry source (镜像源) by namespace and name, e.g. {@code default/harbor-prod}. */
public record RegistryRef(String namespace, String name) {
}
