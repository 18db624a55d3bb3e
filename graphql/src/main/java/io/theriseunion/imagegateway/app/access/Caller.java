package io.theriseunion.imagegateway.app.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who sends a request, as authenticated: a name for the audit log, the role bindings, and the API token it used
 * (so that revoking the token ends its live subscriptions) or when its JWT expires.
 */
public record Caller(String name, List<RoleBinding> bindings, String apiToken, Instant expiresAt) {

    public boolean can(Permission permission, String namespace) {
        return bindings.stream().anyMatch(b -> b.grants(permission, namespace));
    }

    /** The namespaces where the caller has the permission; empty when it has it in every namespace. */
    public Optional<Set<String>> namespacesWith(Permission permission) {
        if (bindings.stream().anyMatch(b -> b.namespace() == null && b.role().grants(permission))) {
            return Optional.empty();
        }
        return Optional.of(bindings.stream().filter(b -> b.role().grants(permission)).map(RoleBinding::namespace)
                                   .collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * Whether the caller may hand out (or revoke) these bindings: ADMIN of each namespace they name, and ADMIN of
     * every namespace for a binding without one.
     */
    public boolean administers(List<RoleBinding> tokenBindings) {
        return tokenBindings.stream().allMatch(b -> b.namespace() == null ? clusterAdmin()
                : can(Permission.MANAGE, b.namespace()));
    }

    /** ADMIN in every namespace. */
    public boolean clusterAdmin() {
        return namespacesWith(Permission.MANAGE).isEmpty();
    }

    /**
     * Whether the caller may put this binding on a token it creates: it must administer the binding, and no
     * token carries more than its creator holds. AUDITOR only from an AUDITOR of that namespace (or of every
     * namespace) or a cluster admin; a binding without namespace (every namespace, METRICS) only from a cluster
     * admin.
     */
    public boolean mayGrant(RoleBinding binding) {
        if (!administers(List.of(binding))) {
            return false;
        }
        return switch (binding.role()) {
            case AUDITOR -> clusterAdmin() || can(Permission.AUDIT, binding.namespace());
            case METRICS -> clusterAdmin();
            default -> true; // VIEWER, EDITOR, ADMIN: the ADMIN binding that administers it holds them all
        };
    }
}
