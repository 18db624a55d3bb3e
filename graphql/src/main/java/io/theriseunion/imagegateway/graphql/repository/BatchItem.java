package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.repository.ItemOutcome;

public record BatchItem(String namespace, String name, boolean ok, ItemError error) {

    static BatchItem of(ItemOutcome outcome) {
        ItemError error = outcome.ok() ? null
                : ItemError.of(outcome.error(), outcome.error().field());
        return new BatchItem(outcome.namespace(), outcome.name(), outcome.ok(), error);
    }
}
