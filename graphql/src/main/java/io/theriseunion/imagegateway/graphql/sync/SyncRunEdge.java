package io.theriseunion.imagegateway.graphql.sync;

import io.theriseunion.imagegateway.projections.sync.SyncRunView;

public record SyncRunEdge(String cursor, SyncRunView node) {
}
