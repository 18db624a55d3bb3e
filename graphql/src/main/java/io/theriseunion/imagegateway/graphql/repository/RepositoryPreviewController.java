package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.registrysource.RegistryBrowsing;
import io.theriseunion.imagegateway.app.registrysource.RepositoryPreview;
import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** {@code previewRepository}: what addRepository would say of an input, and what its first sync would find. */
@Controller
public class RepositoryPreviewController {

    private final RegistryBrowsing browsing;
    private final Access access;

    public RepositoryPreviewController(RegistryBrowsing browsing, Access access) {
        this.browsing = browsing;
        this.access = access;
    }

    @QueryMapping
    public Preview previewRepository(@Argument AddRepositoryInput input, @ContextValue(required = false) Caller caller) {
        AddRepositoryCommand command = input.toCommand();
        access.require(caller, Permission.WRITE, command.namespace(), "previewRepository", "REPOSITORY",
                       command.name());
        RepositoryPreview preview = browsing.preview(command, access.checkSourceUse(caller, command));
        List<ItemError> errors = preview.errors().stream()
                                        .map(e -> ItemError.of(e, e.field())).toList();
        return new Preview(preview.valid(), errors, preview.source(), preview.repositoryExists(), preview.tagExists(),
                           preview.image(), preview.suggestedTags());
    }

    /** The GraphQL type RepositoryPreview. */
    public record Preview(boolean valid, List<ItemError> errors, RepositoryPreview.Source source,
                          Boolean repositoryExists, Boolean tagExists, SyncedManifest image,
                          List<String> suggestedTags) {
    }
}
