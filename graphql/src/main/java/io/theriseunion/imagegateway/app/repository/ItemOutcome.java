package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.GatewayException;

/** What happened to one item of a batch: error is null when it succeeded. */
public record ItemOutcome(String namespace, String name, GatewayException error) {

    public boolean ok() {
        return error == null;
    }
}
