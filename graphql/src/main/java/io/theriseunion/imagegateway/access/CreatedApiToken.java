package io.theriseunion.imagegateway.access;

import java.util.List;

/** GraphQL {@code CreatedApiToken}: the secret, this once. */
public record CreatedApiToken(String name, String token, List<RoleBinding> roles) {
}
