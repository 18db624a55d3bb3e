package io.theriseunion.imagegateway.access;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** {@code me}, {@code apiTokens}, {@code createApiToken}, {@code revokeApiToken}. */
@Controller
public class ApiTokenController {

    private final ApiTokens tokens;
    private final Access access;

    public ApiTokenController(ApiTokens tokens, Access access) {
        this.tokens = tokens;
        this.access = access;
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
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> roles = (List<Map<String, Object>>) input.get("roles");
        List<RoleBinding> bindings = roles == null ? List.of() : roles.stream()
                .map(r -> new RoleBinding((String) r.get("namespace"), Role.valueOf((String) r.get("role")))).toList();
        refuseUnlessAdministered(c, bindings, "createApiToken", name);
        return new CreatedApiToken(name, tokens.create(name, bindings), bindings);
    }

    @MutationMapping
    public boolean revokeApiToken(@Argument String name, @ContextValue(required = false) Caller caller) {
        Caller c = access.authenticated(caller);
        ApiToken token = tokens.find(name).orElse(null);
        if (token == null) {
            return false;
        }
        refuseUnlessAdministered(c, token.roles(), "revokeApiToken", name);
        return tokens.revoke(name);
    }

    private void refuseUnlessAdministered(Caller caller, List<RoleBinding> bindings, String operation, String name) {
        if (caller.administers(bindings)) {
            return;
        }
        String namespace = bindings.stream().map(RoleBinding::namespace)
                                   .filter(ns -> ns == null || !caller.can(Permission.MANAGE, ns)).findFirst()
                                   .orElse(null);
        throw access.check(caller, Permission.MANAGE, namespace, operation, "API_TOKEN", name);
    }
}
