package io.theriseunion.imagegateway.domain.api;

/** A registry source got a new webhook secret; the old one stops working. Never carries the secret. */
public record RegistryWebhookSecretRotatedEvent(String namespace, String name) {
}
