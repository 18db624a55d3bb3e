package io.theriseunion.imagegateway.domain.api;

/** An API token was revoked: requests and live subscriptions using it stop. */
public record ApiTokenRevokedEvent(String name) {
}
