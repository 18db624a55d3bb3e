package io.theriseunion.imagegateway.graphql.access;

import io.theriseunion.imagegateway.app.access.RoleBinding;

import java.time.Instant;
import java.util.List;

/** GraphQL {@code CreatedApiToken}: the secret, this once; expiresAt null: never. */
public record CreatedApiToken(String name, String token, List<RoleBinding> roles, Instant expiresAt) {
}
