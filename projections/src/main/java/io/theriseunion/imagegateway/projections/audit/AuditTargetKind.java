package io.theriseunion.imagegateway.projections.audit;

/** What an audit entry is about. */
public enum AuditTargetKind {
    REPOSITORY,
    REGISTRY,
    API_TOKEN,
    /** The gateway's store: an online backup taken. */
    STORE
}
