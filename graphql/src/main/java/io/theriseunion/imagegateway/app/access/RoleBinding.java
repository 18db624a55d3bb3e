package io.theriseunion.imagegateway.app.access;

import io.theriseunion.imagegateway.domain.api.Dns1123Label;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A role in one namespace, or in every namespace when {@code namespace} is null. Bindings fail closed: a namespace
 * that is given must be a DNS-1123 label (never "" or a wildcard), and a cluster role (METRICS) takes none.
 */
public record RoleBinding(String namespace, Role role) {

    public boolean grants(Permission permission, String inNamespace) {
        return role.grants(permission) && (namespace == null || namespace.equals(inNamespace));
    }

    /** {@code ADMIN} (every namespace) or {@code dev:EDITOR}: how events and the audit log show bindings. */
    public String text() {
        return namespace == null ? role.name() : namespace + ":" + role.name();
    }

    /**
     * A checked binding: namespace null for every namespace, else a DNS-1123 label; role one of {@link Role}.
     * The violations name {@code field.namespace} and {@code field.role}.
     */
    public static RoleBinding of(String namespace, String role, String field) {
        List<Violation> violations = new ArrayList<>();
        Role parsed = null;
        try {
            parsed = role == null ? null : Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        if (parsed == null) {
            violations.add(new Violation(field + ".role", "must be one of " + Arrays.toString(Role.values())));
        }
        if (namespace != null) {
            Dns1123Label.check(violations, field + ".namespace", namespace);
            if (parsed != null && parsed.clusterOnly()) {
                violations.add(new Violation(field + ".namespace", parsed + " is a cluster role: leave namespace out"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return new RoleBinding(namespace, parsed);
    }

    /** Parses {@code ROLE} (every namespace) or {@code namespace:ROLE}; anything else is a ValidationException. */
    public static RoleBinding parse(String text, String field) {
        int colon = text.lastIndexOf(':');
        return colon < 0 ? of(null, text, field) : of(text.substring(0, colon).trim(), text.substring(colon + 1), field);
    }
}
