package io.theriseunion.imagegateway.projections.repository;

import java.time.Instant;

/** The last failure of a repository's syncs. */
public record SyncErrorView(String code, String message, Integer httpStatus, Instant at) {
}
