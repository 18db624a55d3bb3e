package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A page of repositories, as Kubernetes lists are: {@code metadata.continue} is the opaque token of the next
 * page, absent on the last one.
 */
public record RepositoryList(String apiVersion, String kind, ListMeta metadata, List<RepositoryResource> items) {

    public static RepositoryList of(List<RepositoryResource> items, String continueToken) {
        return new RepositoryList(RepositoryResource.API_VERSION, "RepositoryList", new ListMeta(continueToken),
                                  items);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListMeta(@JsonProperty("continue") String continueToken) {
    }
}
