package io.theriseunion.imagegateway.graphql.sync;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.repository.Catalogue;
import io.theriseunion.imagegateway.app.repository.CatalogueSelections;
import io.theriseunion.imagegateway.app.repository.ConfirmationMismatchException;
import io.theriseunion.imagegateway.app.repository.RepositoryRef;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.graphql.repository.BatchResult;
import io.theriseunion.imagegateway.graphql.repository.RepositoryFilterInput;
import io.theriseunion.imagegateway.graphql.repository.RepositoryRefInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** {@code triggerSyncs}: the toolbar's sync of the selected repositories, or of every one a filter matches. */
@Controller
public class SyncSelectionController {

    private static final String OPERATION = "triggerSyncs";

    private final Catalogue catalogue;
    private final CatalogueSelections selections;
    private final Access access;

    public SyncSelectionController(Catalogue catalogue, CatalogueSelections selections, Access access) {
        this.catalogue = catalogue;
        this.selections = selections;
        this.access = access;
    }

    @MutationMapping
    public BatchResult triggerSyncs(@Argument List<RepositoryRefInput> refs, @Argument RepositoryFilterInput filter,
                                    @Argument Integer confirmCount, @ContextValue(required = false) Caller caller) {
        Caller who = access.authenticated(caller);
        Catalogue.ItemCheck check = (ns, name) -> access.check(caller, Permission.WRITE, ns, OPERATION, "REPOSITORY",
                                                               name);
        List<RepositoryRef> selected;
        if (RepositoryFilterInput.selectsByFilter(refs, filter)) {
            selected = selections.matching(filter.toFilter(who.namespacesWith(Permission.READ).orElse(null)),
                                           confirmCount);
        } else {
            if (refs.isEmpty()) {
                throw ValidationException.of("refs", "must have at least 1 item");
            }
            catalogue.batch(refs.size(), "refs", Catalogue.Batch.Wording.ITEMS);
            if (confirmCount != null && confirmCount != refs.size()) {
                throw new ConfirmationMismatchException("confirmCount", "confirmCount must equal the number of"
                        + " repositories to sync (" + refs.size() + "), not " + confirmCount);
            }
            selected = refs.stream().map(r -> new RepositoryRef(r.namespace(), r.name())).toList();
        }
        return BatchResult.of(selections.triggerEach(selected, who.name(), check));
    }
}
