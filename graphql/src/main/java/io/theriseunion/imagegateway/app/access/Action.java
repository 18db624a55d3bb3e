package io.theriseunion.imagegateway.app.access;

/**
 * What a console asks before it shows a button ({@code me.can}), each the permission the operations behind it
 * check: the answer is exactly whether those operations would let the caller through.
 */
public enum Action {
    /** repositories, registry sources (no secrets), status, history, subscriptions */
    READ(Permission.READ),
    /** addRepository(ies), editRepositoryMetadata, applyRepositories, triggerSync */
    EDIT(Permission.WRITE),
    /** deleteRepository(ies) */
    DELETE(Permission.DELETE),
    /** addRegistry, updateRegistry (credentials too), deleteRegistry, RegistrySource documents */
    MANAGE_REGISTRIES(Permission.MANAGE),
    /** createApiToken and revokeApiToken for bindings of the namespace */
    MANAGE_TOKENS(Permission.MANAGE),
    /** auditLog and the audit export */
    READ_AUDIT(Permission.AUDIT);

    private final Permission permission;

    Action(Permission permission) {
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }

    /** Whether the caller may: in the namespace, or (namespace null) in every namespace. */
    public boolean allowed(Caller caller, String namespace) {
        return caller.can(permission, namespace);
    }
}
