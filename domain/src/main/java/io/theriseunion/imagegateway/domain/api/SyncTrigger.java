package io.theriseunion.imagegateway.domain.api;

/** Why a sync was requested. */
public enum SyncTrigger {
    /** right after the repository was added */
    CREATED,
    /** its syncInterval elapsed */
    SCHEDULED,
    /** an operator asked for it (立即同步) */
    MANUAL,
    /** the registry said the tag moved */
    WEBHOOK
}
