package io.theriseunion.imagegateway.domain.api;

import java.time.Instant;

/**
 * An administrator took an online backup of the embedded store (event store, tokens and read models in one H2 file).
 * Not part of any aggregate's stream: published so that the audit log says who took which backup, and when.
 *
 * @param file  the backup's file name in the gateway's backup folder ({@code gateway.backup.dir})
 * @param size  its size in bytes
 * @param node  the gateway node that wrote it ({@code gateway.node-name})
 * @param takenAt when the copy was taken: it holds every change committed before
 */
public record StoreBackedUpEvent(String file, long size, String node, Instant takenAt) {
}
