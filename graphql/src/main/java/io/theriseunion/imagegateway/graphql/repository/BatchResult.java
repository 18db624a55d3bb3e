package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.repository.ItemOutcome;

import java.util.List;

public record BatchResult(int succeeded, int failed, List<BatchItem> items) {

    public static BatchResult of(List<ItemOutcome> outcomes) {
        List<BatchItem> items = outcomes.stream().map(BatchItem::of).toList();
        int ok = (int) items.stream().filter(BatchItem::ok).count();
        return new BatchResult(ok, items.size() - ok, items);
    }
}
