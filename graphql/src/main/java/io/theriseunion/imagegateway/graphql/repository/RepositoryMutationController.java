package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.repository.Catalogue;
import io.theriseunion.imagegateway.app.repository.CatalogueSelections;
import io.theriseunion.imagegateway.app.repository.ConfirmationMismatchException;
import io.theriseunion.imagegateway.app.repository.RepositoryRef;
import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** Changes to the catalogue. Each answer already reflects the change (read-your-writes). */
@Controller
public class RepositoryMutationController {

    private static final String REPOSITORY = "REPOSITORY";

    private final Catalogue catalogue;
    private final Access access;
    private final CatalogueSelections selections;

    public RepositoryMutationController(Catalogue catalogue, Access access, CatalogueSelections selections) {
        this.catalogue = catalogue;
        this.access = access;
        this.selections = selections;
    }

    @MutationMapping
    public RepositoryView addRepository(@Argument AddRepositoryInput input, @ContextValue(required = false) Caller caller) {
        AddRepositoryCommand command = input.toCommand();
        access.requireAdd(caller, command, "addRepository");
        return catalogue.add(command);
    }

    @MutationMapping
    public BatchResult addRepositories(@Argument List<AddRepositoryInput> input,
                                       @ContextValue(required = false) Caller caller) {
        access.authenticated(caller);
        return BatchResult.of(catalogue.addAll(input.stream().map(AddRepositoryInput::toCommand).toList(),
                                               c -> access.checkAdd(caller, c, "addRepositories")));
    }

    @MutationMapping
    public RepositoryView editRepositoryMetadata(@Argument EditRepositoryMetadataInput input,
                                                 @ContextValue(required = false) Caller caller) {
        access.require(caller, Permission.WRITE, input.namespace(), "editRepositoryMetadata", REPOSITORY, input.name());
        Long expected = input.expectedVersion() == null ? null : input.expectedVersion().longValue();
        return catalogue.edit(input.namespace(), input.name(), input.displayName(), input.description(), expected);
    }

    @MutationMapping
    public DeleteResult deleteRepository(@Argument String namespace, @Argument String name,
                                         @Argument String confirmName, @ContextValue(required = false) Caller caller) {
        access.require(caller, Permission.DELETE, namespace, "deleteRepository", REPOSITORY, name);
        if (!name.equals(confirmName)) {
            throw new ConfirmationMismatchException("confirmName",
                                                    "confirmName must repeat the repository's name \"" + name + "\"");
        }
        catalogue.delete(namespace, name);
        return new DeleteResult(namespace, name, true);
    }

    @MutationMapping
    public BatchResult deleteRepositories(@Argument List<RepositoryRefInput> refs,
                                          @Argument RepositoryFilterInput filter, @Argument int confirmCount,
                                          @ContextValue(required = false) Caller caller) {
        Caller who = access.authenticated(caller);
        if (RepositoryFilterInput.selectsByFilter(refs, filter)) {
            return BatchResult.of(selections.deleteEach(
                    selections.matching(filter.toFilter(who.namespacesWith(Permission.READ).orElse(null)),
                                        confirmCount),
                    (ns, name) -> access.check(caller, Permission.DELETE, ns, "deleteRepositories", REPOSITORY, name)));
        }
        if (confirmCount != refs.size()) {
            throw new ConfirmationMismatchException("confirmCount", "confirmCount must equal the number of"
                    + " repositories to delete (" + refs.size() + "), not " + confirmCount);
        }
        return BatchResult.of(catalogue.deleteAll(refs.stream()
                                                      .map(r -> new RepositoryRef(r.namespace(), r.name()))
                                                      .toList(),
                                                  (ns, name) -> access.check(caller, Permission.DELETE, ns,
                                                                             "deleteRepositories", REPOSITORY, name)));
    }
}
