package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.repository.ApplyOutcome;

import java.util.List;

/** The answer of applyRepositories: the counts and one item per non-empty document, in order. */
public record ApplyResult(boolean dryRun, int succeeded, int failed, int created, int updated, int unchanged,
                          List<ApplyItem> items) {

    static ApplyResult of(List<ApplyOutcome> outcomes, boolean dryRun) {
        List<ApplyItem> items = outcomes.stream().map(ApplyItem::of).toList();
        return new ApplyResult(dryRun, count(items, null), count(items, ApplyOutcome.Result.FAILED),
                               count(items, ApplyOutcome.Result.CREATED), count(items, ApplyOutcome.Result.UPDATED),
                               count(items, ApplyOutcome.Result.UNCHANGED), items);
    }

    /** Items with that outcome; null: every item that did not fail. */
    private static int count(List<ApplyItem> items, ApplyOutcome.Result outcome) {
        return (int) items.stream().filter(i -> outcome == null ? i.ok() : i.outcome() == outcome).count();
    }
}
