package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.repository.ApplyOutcome;
import io.theriseunion.imagegateway.app.repository.RepositoryApply;
import io.theriseunion.imagegateway.app.repository.ResourceFields;
import io.theriseunion.imagegateway.app.repository.ResourceYaml;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code applyRepositories(yaml)}: Repository documents applied in one call ({@link RepositoryApply}), one
 * BatchItem per non-empty document, in order; error fields are paths in the document ({@code spec.tag}).
 */
@Controller
public class ResourceController {

    private final RepositoryApply apply;
    private final Access access;

    public ResourceController(RepositoryApply apply, Access access) {
        this.apply = apply;
        this.access = access;
    }

    @MutationMapping
    public BatchResult applyRepositories(@Argument String yaml, @ContextValue(required = false) Caller caller) {
        access.authenticated(caller);
        if (yaml.length() > ResourceYaml.MAX_BYTES / 4
                && yaml.getBytes(StandardCharsets.UTF_8).length > ResourceYaml.MAX_BYTES) {
            throw ValidationException.of("yaml", "must be at most " + ResourceYaml.MAX_BYTES + " bytes");
        }
        List<ApplyOutcome> outcomes = apply.apply(ResourceYaml.parseYaml(yaml), null,
                                                  c -> access.checkAdd(caller, c, "applyRepositories"));
        List<BatchItem> items = outcomes.stream().map(ResourceController::item).toList();
        int ok = (int) outcomes.stream().filter(ApplyOutcome::ok).count();
        return new BatchResult(ok, items.size() - ok, items);
    }

    private static BatchItem item(ApplyOutcome outcome) {
        GatewayException e = outcome.error();
        ItemError error = e == null ? null : new ItemError(e.code(), e.getMessage(), ResourceFields.path(e.field()));
        return new BatchItem(outcome.namespace(), outcome.name(), outcome.ok(), error);
    }
}
