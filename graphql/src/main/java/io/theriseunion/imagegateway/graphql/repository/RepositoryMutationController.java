package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.catalogue.Catalogue;
import io.theriseunion.imagegateway.catalogue.ConfirmationMismatchException;
import io.theriseunion.imagegateway.catalogue.RepositoryRef;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** Changes to the catalogue. Each answer already reflects the change (read-your-writes). */
@Controller
public class RepositoryMutationController {

    private final Catalogue catalogue;

    public RepositoryMutationController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @MutationMapping
    public RepositoryView addRepository(@Argument AddRepositoryInput input) {
        return catalogue.add(input.toCommand());
    }

    @MutationMapping
    public BatchResult addRepositories(@Argument List<AddRepositoryInput> input) {
        return BatchResult.of(catalogue.addAll(input.stream().map(AddRepositoryInput::toCommand).toList()));
    }

    @MutationMapping
    public RepositoryView editRepositoryMetadata(@Argument EditRepositoryMetadataInput input) {
        Long expected = input.expectedVersion() == null ? null : input.expectedVersion().longValue();
        return catalogue.edit(input.namespace(), input.name(), input.displayName(), input.description(), expected);
    }

    @MutationMapping
    public DeleteResult deleteRepository(@Argument String namespace, @Argument String name,
                                         @Argument String confirmName) {
        if (!name.equals(confirmName)) {
            throw new ConfirmationMismatchException("confirmName",
                                                    "confirmName must repeat the repository's name \"" + name + "\"");
        }
        catalogue.delete(namespace, name);
        return new DeleteResult(namespace, name, true);
    }

    @MutationMapping
    public BatchResult deleteRepositories(@Argument List<RepositoryRefInput> refs, @Argument int confirmCount) {
        if (confirmCount != refs.size()) {
            throw new ConfirmationMismatchException("confirmCount", "confirmCount must equal the number of"
                    + " repositories to delete (" + refs.size() + "), not " + confirmCount);
        }
        return BatchResult.of(catalogue.deleteAll(refs.stream()
                                                      .map(r -> new RepositoryRef(r.namespace(), r.name()))
                                                      .toList()));
    }
}
