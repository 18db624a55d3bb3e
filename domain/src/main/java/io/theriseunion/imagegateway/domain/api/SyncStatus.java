package io.theriseunion.imagegateway.domain.api;

/** Where a repository stands with its registry: ⚪ PENDING, 🔄 SYNCING, 🟢 SUCCESS, 🔴 FAILED. */
public enum SyncStatus {
    PENDING,
    SYNCING,
    SUCCESS,
    FAILED
}
