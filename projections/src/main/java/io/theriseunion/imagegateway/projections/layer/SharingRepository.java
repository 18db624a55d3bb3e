package io.theriseunion.imagegateway.projections.layer;

/** Another repository whose image has {@code layers} of one repository's layers, {@code bytes} in all. */
public record SharingRepository(String repositoryId, int layers, long bytes) {
}
