package io.theriseunion.imagegateway.graphql.access;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.ApiToken;
import io.theriseunion.imagegateway.app.access.ApiTokens;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.access.RoleBinding;
import io.theriseunion.imagegateway.app.access.SecurityProperties;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code me}, {@code apiTokens}, {@code createApiToken}, {@code revokeApiToken}. */
@Controller
public class ApiTokenController {

    private final ApiTokens tokens;
    private final Access access;
    private final SecurityProperties properties;

    public ApiTokenController(ApiTokens tokens, Access access, SecurityProperties properties) {
        this.tokens = tokens;
        this.access = access;
        this.properties = properties;
    }

    @QueryMapping
    public Caller me(@ContextValue(required = false) Caller caller) {
        return access.authenticated(caller);
    }

    @SchemaMapping(typeName = "Caller")
    public List<RoleBinding> roles(Caller caller) {
        return caller.bindings();
    }

    @QueryMapping
    public List<ApiToken> apiTokens(@ContextValue(required = false) Caller caller) {
        Caller c = access.authenticated(caller);
        return tokens.list().stream().filter(t -> c.administers(t.roles())).toList();
    }

    @MutationMapping
    public CreatedApiToken createApiToken(@Argument Map<String, Object> input,
                                          @ContextValue(required = false) Caller caller) {
        Caller c = access.authenticated(caller);
        String name = (String) input.get("name");
        List<RoleBinding> bindings = bindings(input.get("roles"));
        for (RoleBinding binding : bindings) {
            if (!c.mayGrant(binding)) {
                throw refusal(c, binding, name);
            }
        }
        Instant expiresAt = expiresAt(input.get("expiresAt"));
        String secret = tokens.create(name, bindings, expiresAt, c.name());
        return new CreatedApiToken(name, secret, bindings, expiresAt);
    }

    /** False for a token the caller does not administer, exactly as for one that does not exist. */
    @MutationMapping
    public boolean revokeApiToken(@Argument String name, @ContextValue(required = false) Caller caller) {
        Caller c = access.authenticated(caller);
        ApiToken token = tokens.find(name).orElse(null);
        if (token == null) {
            return false;
        }
        if (!c.administers(token.roles())) {
            access.check(c, Permission.MANAGE, firstNotManaged(c, token.roles()), "revokeApiToken", "API_TOKEN", name);
            return false;
        }
        return tokens.revoke(name);
    }

    /** Each binding checked, the violations naming {@code roles[i].namespace} or {@code roles[i].role}. */
    private static List<RoleBinding> bindings(Object roles) {
        if (!(roles instanceof List<?> items)) {
            return List.of();
        }
        List<RoleBinding> bindings = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> item = (Map<?, ?>) items.get(i);
            try {
                bindings.add(RoleBinding.of((String) item.get("namespace"), String.valueOf(item.get("role")),
                                            "roles[" + i + "]"));
            } catch (ValidationException invalid) {
                violations.addAll(invalid.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return bindings;
    }

    /** The given expiry, else now plus the default lifetime, else never. */
    private Instant expiresAt(Object given) {
        if (given instanceof OffsetDateTime at) {
            return at.toInstant();
        }
        if (given instanceof Instant at) {
            return at;
        }
        return properties.apiTokenLifetime().map(lifetime -> Instant.now().plus(lifetime)).orElse(null);
    }

    private GatewayException refusal(Caller caller, RoleBinding binding, String name) {
        if (!caller.administers(List.of(binding))) {
            return access.check(caller, Permission.MANAGE, binding.namespace(), "createApiToken",
                                "API_TOKEN", name);
        }
        // administers it, but the role is above what the caller holds there
        return access.refuse(caller, binding.role(), binding.namespace(), "createApiToken", "API_TOKEN", name,
                             "createApiToken cannot grant " + binding.role() + " "
                                     + (binding.namespace() == null ? "in every namespace"
                                     : "in namespace \"" + binding.namespace() + "\"")
                                     + ": a token carries only roles its creator holds, and " + caller.name()
                                     + " does not hold " + binding.role() + " there");
    }

    private static String firstNotManaged(Caller caller, List<RoleBinding> bindings) {
        return bindings.stream().map(RoleBinding::namespace)
                       .filter(ns -> ns == null || !caller.can(Permission.MANAGE, ns)).findFirst().orElse(null);
    }
}
