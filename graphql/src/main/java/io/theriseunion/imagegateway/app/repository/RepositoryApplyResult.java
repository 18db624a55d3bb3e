package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The REST answer to a POST of several documents (an apply): how many succeeded and failed, and per document,
 * in order, its number (from 1), namespace, name and result ({@code Created}, {@code Updated}, {@code Unchanged}
 * or {@code Failed}); a failed one carries the Status a request with that document alone would have got.
 * Items carry their kind (Repository or RegistrySource).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryApplyResult(String apiVersion, String kind, Boolean dryRun, int succeeded, int failed,
                                    List<Item> items) {

    /** kind: Repository or RegistrySource. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String kind, String namespace, String name, String result, KubernetesStatus status) {
    }

    /** dryRun: the outcomes are what the apply would do (the answer says dryRun: true); nothing was changed. */
    public static RepositoryApplyResult of(List<ApplyOutcome> outcomes, boolean dryRun) {
        List<Item> items = outcomes.stream().map(o -> new Item(
                o.index(), o.kind(), o.namespace(), o.name(), RepositoryResources.statusName(o.result()),
                o.ok() ? null : KubernetesStatus.of(o.error(), o.name().isEmpty() ? null : o.name()))).toList();
        int ok = (int) outcomes.stream().filter(ApplyOutcome::ok).count();
        return new RepositoryApplyResult(RepositoryResource.API_VERSION, "RepositoryApplyResult", dryRun ? true : null, ok,
                                         outcomes.size() - ok, items);
    }
}
