package io.theriseunion.imagegateway.app.registrysource;

import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.RegistryHealth;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;

import java.util.List;

/**
 * What addRepository would answer for an input (errors, each about one field) and what its first sync would find.
 * repositoryExists, tagExists and image are null when not asked; see the SDL of previewRepository.
 */
public record RepositoryPreview(List<GatewayException> errors, Source source, Boolean repositoryExists,
                                Boolean tagExists, SyncedManifest image, List<String> suggestedTags) {

    /** Accepted by addRepository, and its first sync would find the image. */
    public boolean valid() {
        return errors.isEmpty() && Boolean.TRUE.equals(tagExists) && image != null;
    }

    /** The source as the preview found it; message null when it answered. */
    public record Source(String namespace, String name, boolean reachable, RegistryHealth health, String message) {
    }
}
