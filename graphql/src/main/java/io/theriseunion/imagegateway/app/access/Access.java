package io.theriseunion.imagegateway.app.access;

import io.theriseunion.imagegateway.app.origin.OriginEvents;
import io.theriseunion.imagegateway.domain.api.AccessDeniedEvent;
import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceIndex;
import io.theriseunion.imagegateway.domain.repository.RepositoryRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one place operations ask whether the caller may: no caller is UNAUTHENTICATED; a missing role is FORBIDDEN,
 * and the refusal is recorded in the audit log (an {@link AccessDeniedEvent}).
 */
@Component
public class Access {

    private static final Logger log = LoggerFactory.getLogger(Access.class);

    private final OriginEvents events;
    private final RegistrySourceIndex sources;

    public Access(OriginEvents events, RegistrySourceIndex sources) {
        this.events = events;
        this.sources = sources;
    }

    /** The caller, or UNAUTHENTICATED. */
    public Caller authenticated(Caller caller) {
        if (caller == null) {
            throw UnauthenticatedException.missing();
        }
        return caller;
    }

    /**
     * The namespaces whose audit entries the caller may read (null: all); FORBIDDEN (recorded) when it may read
     * none, since the audit log is for auditors only.
     */
    public Set<String> auditable(Caller caller, String operation) {
        Optional<Set<String>> namespaces = authenticated(caller).namespacesWith(Permission.AUDIT);
        if (namespaces.isPresent() && namespaces.get().isEmpty()) {
            throw check(caller, Permission.AUDIT, null, operation, "REPOSITORY", null);
        }
        return namespaces.orElse(null);
    }

    /** Throws FORBIDDEN (recorded) unless the caller has the permission in the namespace. */
    public Caller require(Caller caller, Permission permission, String namespace, String operation, String targetKind,
                          String targetName) {
        GatewayException refusal = check(caller, permission, namespace, operation, targetKind, targetName);
        if (refusal != null) {
            throw refusal;
        }
        return caller;
    }

    /** The refusal (recorded) for one item of a batch, or null when the caller may. */
    public GatewayException check(Caller caller, Permission permission, String namespace, String operation,
                                  String targetKind, String targetName) {
        if (caller == null) {
            return UnauthenticatedException.missing();
        }
        if (caller.can(permission, namespace)) {
            return null;
        }
        Role needed = Role.weakestWith(permission);
        record(new AccessDeniedEvent(operation, targetKind, namespace, targetName, needed.name()));
        return forbidden(caller, permission, namespace, operation);
    }

    /**
     * What {@link #check} answers, without recording a refusal: for a dry run, which changes nothing and audits
     * nothing.
     */
    public GatewayException wouldRefuse(Caller caller, Permission permission, String namespace, String operation) {
        if (caller == null) {
            return UnauthenticatedException.missing();
        }
        return caller.can(permission, namespace) ? null : forbidden(caller, permission, namespace, operation);
    }

    /**
     * What {@link #checkAdd} answers, without recording a refusal (a dry run); sharedToo: sources not stored yet that
     * the dry run would have added shared.
     */
    public GatewayException wouldRefuseAdd(Caller caller, AddRepositoryCommand command, String operation,
                                           Predicate<RegistryRef> sharedToo) {
        GatewayException refusal = wouldRefuse(caller, Permission.WRITE, command.namespace(), operation);
        if (refusal != null) {
            return refusal;
        }
        RegistryRef ref = command.registry();
        if (ref == null || ref.namespace() == null || ref.name() == null || ref.namespace().equals(command.namespace())
                || caller.can(Permission.WRITE, ref.namespace()) || sources.shared(ref) || sharedToo.test(ref)) {
            return null;
        }
        return RepositoryRules.unknownSource(ref);
    }

    private static ForbiddenException forbidden(Caller caller, Permission permission, String namespace,
                                                String operation) {
        String where = namespace == null ? "in every namespace" : "in namespace \"" + namespace + "\"";
        return new ForbiddenException(operation + " needs the role " + Role.weakestWith(permission) + " " + where
                                              + ", which " + caller.name() + " does not have");
    }

    /** A refusal for a reason of its own (recorded, naming the role the caller lacks). */
    public ForbiddenException refuse(Caller caller, Role needed, String namespace, String operation, String targetKind,
                                     String targetName, String message) {
        record(new AccessDeniedEvent(operation, targetKind, namespace, targetName, needed.name()));
        return new ForbiddenException(message);
    }

    /**
     * The refusal (recorded when it is a missing role) of adding this repository, or null: WRITE in the
     * repository's namespace, and the right to use its registry source.
     */
    public GatewayException checkAdd(Caller caller, AddRepositoryCommand command, String operation) {
        GatewayException refusal = check(caller, Permission.WRITE, command.namespace(), operation, "REPOSITORY",
                                         command.name());
        return refusal != null ? refusal : checkSourceUse(caller, command);
    }

    /** Throws the refusal of {@link #checkAdd}. */
    public void requireAdd(Caller caller, AddRepositoryCommand command, String operation) {
        GatewayException refusal = checkAdd(caller, command, operation);
        if (refusal != null) {
            throw refusal;
        }
    }

    /**
     * A registry source stays in its namespace: a repository of another namespace may use it (and so its stored
     * credentials) only when the caller may write in the source's namespace (EDITOR there) or the source's ADMIN
     * shared it. Otherwise the answer is exactly that of a source that does not exist, so nothing tells whether it
     * does; null when the use is allowed (or the reference is incomplete, which validation reports).
     */
    public GatewayException checkSourceUse(Caller caller, AddRepositoryCommand command) {
        RegistryRef ref = command.registry();
        if (ref == null || ref.namespace() == null || ref.name() == null || ref.namespace().equals(command.namespace())) {
            return null;
        }
        if (caller != null && caller.can(Permission.WRITE, ref.namespace()) || sources.shared(ref)) {
            return null;
        }
        return RepositoryRules.unknownSource(ref);
    }

    private void record(AccessDeniedEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            log.warn("Refusal of {} not recorded: {}", event.operation(), e.getMessage());
        }
    }
}
