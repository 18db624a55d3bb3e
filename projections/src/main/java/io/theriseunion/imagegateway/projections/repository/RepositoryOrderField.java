package io.theriseunion.imagegateway.projections.repository;

/** What a repository list can be sorted by; ties are broken by namespace and name. */
public enum RepositoryOrderField {
    /** name, then namespace */
    NAME,
    /** when the last successful sync ended; repositories never synced come last in both directions */
    LAST_SYNCED,
    /** the sync status by its name: FAILED, PENDING, SUCCESS, SYNCING */
    SYNC_STATUS,
    /** when the repository was added */
    CREATED
}
