package io.theriseunion.imagegateway.projections.sync;

import io.theriseunion.imagegateway.projections.repository.SyncErrorView;

import java.time.Instant;
import java.util.List;

/** One sync run of a repository, as its history shows it. status: REQUESTED, RUNNING, SUCCESS, FAILED. */
public record SyncRunView(String id,
                          String repositoryId,
                          String trigger,
                          String status,
                          String requestedBy,
                          Instant requestedAt,
                          Instant startedAt,
                          Instant finishedAt,
                          int attempts,
                          Boolean changed,
                          String digest,
                          List<String> layersAdded,
                          List<String> layersRemoved,
                          SyncErrorView error) {
}
