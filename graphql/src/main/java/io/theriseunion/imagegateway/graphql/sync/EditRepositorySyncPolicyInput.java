package io.theriseunion.imagegateway.graphql.sync;

public record EditRepositorySyncPolicyInput(String namespace, String name, String syncInterval, String syncTimeout,
                                            Integer retryCount, Integer expectedVersion) {
}
