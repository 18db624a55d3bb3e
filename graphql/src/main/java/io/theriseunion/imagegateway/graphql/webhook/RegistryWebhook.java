package io.theriseunion.imagegateway.graphql.webhook;

/** GraphQL {@code RegistryWebhook}: where a registry posts its notifications, and the secret to send (shown once). */
public record RegistryWebhook(String url, String secret) {
}
