package io.theriseunion.imagegateway.app.registrysource;

import java.util.List;

/** A page of a picker (the GraphQL types RegistryRepositoryPage and RegistryTagPage). */
public record RegistryNamePage(List<String> items, boolean hasNextPage, String endCursor) {
}
