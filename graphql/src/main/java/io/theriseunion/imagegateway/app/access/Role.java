package io.theriseunion.imagegateway.app.access;

import java.util.EnumSet;
import java.util.Set;

/** What a role binding lets its holder do in a namespace (or in every namespace). */
public enum Role {
    /** reads repositories, registries (no secrets), status and history, and subscribes */
    VIEWER(EnumSet.of(Permission.READ)),
    /** also adds and edits repositories and triggers syncs */
    EDITOR(EnumSet.of(Permission.READ, Permission.WRITE)),
    /** also deletes, and manages registry sources, their credentials and API tokens */
    ADMIN(EnumSet.of(Permission.READ, Permission.WRITE, Permission.DELETE, Permission.MANAGE)),
    /** reads the audit log and its export */
    AUDITOR(EnumSet.of(Permission.AUDIT)),
    /**
     * a cluster role for metrics scrapers: GET /actuator/prometheus, /actuator/metrics/** and /actuator/health,
     * nothing else; bound only without a namespace
     */
    METRICS(EnumSet.of(Permission.METRICS));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }

    /** Whether the role is bound only in every namespace at once. */
    public boolean clusterOnly() {
        return this == METRICS;
    }

    /** The weakest role that grants the permission, as refusals name it. */
    public static Role weakestWith(Permission permission) {
        for (Role role : values()) {
            if (role.grants(permission)) {
                return role;
            }
        }
        throw new IllegalArgumentException(permission.name());
    }
}
