package io.theriseunion.imagegateway.graphql.registrysource;

/** A registry source's syncs on this node: queued for a worker, running, and waiting (parked) without one. */
public record SyncBacklog(int queued, int running, int waiting) {
}
