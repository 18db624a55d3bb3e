package io.theriseunion.imagegateway.graphql.access;

import io.theriseunion.imagegateway.app.access.Action;
import io.theriseunion.imagegateway.app.access.Caller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code Caller.can}: what the caller's role bindings let it do, for screens that hide what it may not. */
@Controller
public class CallerController {

    @SchemaMapping(typeName = "Caller")
    public boolean can(Caller caller, @Argument String namespace, @Argument Action action) {
        return action.allowed(caller, namespace);
    }
}
