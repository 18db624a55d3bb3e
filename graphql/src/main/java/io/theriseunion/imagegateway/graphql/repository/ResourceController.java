package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.repository.ResourceApply;
import io.theriseunion.imagegateway.app.repository.ResourceYaml;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import java.nio.charset.StandardCharsets;

/**
 * {@code applyRepositories(yaml, dryRun)}: RegistrySource and Repository documents applied in one call
 * ({@link ResourceApply}), one ApplyItem per non-empty document, in order; error fields are paths in the document
 * ({@code spec.tag}).
 */
@Controller
public class ResourceController {

    private final ResourceApply apply;
    private final Access access;

    public ResourceController(ResourceApply apply, Access access) {
        this.apply = apply;
        this.access = access;
    }

    @MutationMapping
    public ApplyResult applyRepositories(@Argument String yaml, @Argument Boolean dryRun,
                                         @ContextValue(required = false) Caller caller) {
        access.authenticated(caller);
        if (yaml.length() > ResourceYaml.MAX_BYTES / 4
                && yaml.getBytes(StandardCharsets.UTF_8).length > ResourceYaml.MAX_BYTES) {
            throw ValidationException.of("yaml", "must be at most " + ResourceYaml.MAX_BYTES + " bytes");
        }
        boolean dry = Boolean.TRUE.equals(dryRun);
        return ApplyResult.of(apply.apply(ResourceYaml.parseYaml(yaml), null, caller, dry, "applyRepositories"), dry);
    }
}
