package io.theriseunion.imagegateway.projections.sync;

import java.util.List;

/** A page of sync runs, newest first, and whether older ones follow. */
public record SyncRunPage(List<SyncRunView> items, boolean hasNextPage) {
}
