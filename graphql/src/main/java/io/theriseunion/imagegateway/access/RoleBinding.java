package io.theriseunion.imagegateway.access;

import io.theriseunion.imagegateway.domain.api.ValidationException;

import java.util.Locale;

/** A role in one namespace, or in every namespace when {@code namespace} is null. */
public record RoleBinding(String namespace, Role role) {

    public boolean grants(Permission permission, String inNamespace) {
        return role.grants(permission) && (namespace == null || namespace.equals(inNamespace));
    }

    /** {@code ADMIN} (every namespace) or {@code dev:EDITOR}: how bindings are stored and how JWT claims carry them. */
    public String text() {
        return namespace == null ? role.name() : namespace + ":" + role.name();
    }

    public static RoleBinding parse(String text) {
        int colon = text.lastIndexOf(':');
        String namespace = colon < 0 ? null : text.substring(0, colon).trim();
        String role = (colon < 0 ? text : text.substring(colon + 1)).trim().toUpperCase(Locale.ROOT);
        try {
            return new RoleBinding(namespace == null || namespace.isEmpty() || namespace.equals("*") ? null : namespace,
                                   Role.valueOf(role));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("roles", "\"" + text + "\" is not a role binding; write ROLE or"
                    + " namespace:ROLE with ROLE one of VIEWER, EDITOR, ADMIN, AUDITOR");
        }
    }
}
