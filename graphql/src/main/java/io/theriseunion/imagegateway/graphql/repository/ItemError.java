package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.domain.api.GatewayException;

/** An item's refusal: its code, message, field at fault, and when it may be sent again (nothing of it stored). */
public record ItemError(String code, String message, String field, Integer retryAfterSeconds) {

    static ItemError of(GatewayException e, String field) {
        return new ItemError(e.code(), e.getMessage(), field,
                             e.retryAfter() == null ? null : Math.toIntExact(e.retryAfter().toSeconds()));
    }
}
