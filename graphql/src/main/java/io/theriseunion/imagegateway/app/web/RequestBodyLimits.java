package io.theriseunion.imagegateway.app.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code gateway.limits.*}: the largest request body each kind of endpoint reads. GraphQL's allows a YAML import
 * ({@code applyRepositories}) of up to 4 MiB inside its JSON; the Kubernetes-style resources take the same YAML
 * directly; a registry's webhook notification is small; every other endpoint takes the smallest.
 */
@ConfigurationProperties("gateway.limits")
public record RequestBodyLimits(DataSize graphqlBody, DataSize resourceBody, DataSize webhookBody,
                                DataSize otherBody) {

    public RequestBodyLimits {
        graphqlBody = graphqlBody == null ? DataSize.ofMegabytes(5) : graphqlBody;
        resourceBody = resourceBody == null ? DataSize.ofMegabytes(5) : resourceBody;
        webhookBody = webhookBody == null ? DataSize.ofKilobytes(64) : webhookBody;
        otherBody = otherBody == null ? DataSize.ofKilobytes(64) : otherBody;
    }

    /** The limit for a request path, and the setting that raises it. */
    Limit forPath(String path) {
        if (path.equals("/graphql") || path.startsWith("/graphql/")) {
            return new Limit(graphqlBody, "gateway.limits.graphql-body");
        }
        if (path.startsWith("/oapis/")) {
            return new Limit(resourceBody, "gateway.limits.resource-body");
        }
        if (path.startsWith("/webhooks/")) {
            return new Limit(webhookBody, "gateway.limits.webhook-body");
        }
        return new Limit(otherBody, "gateway.limits.other-body");
    }

    record Limit(DataSize size, String setting) {
    }
}
