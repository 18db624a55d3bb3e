package io.theriseunion.imagegateway.graphql.sync;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.repository.SyncPolicies;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** {@code editRepositorySyncPolicy}: the edit dialog's sync settings. */
@Controller
public class SyncPolicyController {

    private final SyncPolicies policies;
    private final Access access;

    public SyncPolicyController(SyncPolicies policies, Access access) {
        this.policies = policies;
        this.access = access;
    }

    @MutationMapping
    public RepositoryView editRepositorySyncPolicy(@Argument EditRepositorySyncPolicyInput input,
                                                   @ContextValue(required = false) Caller caller) {
        access.require(caller, Permission.WRITE, input.namespace(), "editRepositorySyncPolicy", "REPOSITORY",
                       input.name());
        Long expected = input.expectedVersion() == null ? null : input.expectedVersion().longValue();
        return policies.edit(input.namespace(), input.name(), input.syncInterval(), input.syncTimeout(),
                             input.retryCount(), expected);
    }
}
