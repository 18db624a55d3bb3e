package io.theriseunion.imagegateway.access;

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
    AUDITOR(EnumSet.of(Permission.AUDIT));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
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
