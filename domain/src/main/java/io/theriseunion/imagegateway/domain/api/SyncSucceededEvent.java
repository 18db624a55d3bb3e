package io.theriseunion.imagegateway.domain.api;

import java.time.Instant;
import java.util.List;

/**
 * A sync run succeeded. changed: the digest differs from the last known one; manifest is null when not
 * changed. layersAdded / layersRemoved compare the layer digests with the previous manifest.
 */
public record SyncSucceededEvent(RepositoryId repositoryId,
                                 String runId,
                                 String namespace,
                                 String name,
                                 String digest,
                                 boolean changed,
                                 SyncedManifest manifest,
                                 List<String> layersAdded,
                                 List<String> layersRemoved,
                                 List<String> remoteTags,
                                 int attempts,
                                 int requests,
                                 Instant nextSyncAt,
                                 String nextSyncScheduleId) implements RepositoryEvent {
}
