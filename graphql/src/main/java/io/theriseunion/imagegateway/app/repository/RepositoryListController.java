package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.CurrentCaller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryFilter;
import io.theriseunion.imagegateway.projections.repository.RepositoryPage;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Lists of repositories, one namespace or all the caller may read, a page at a time in (namespace, name) order:
 * {@code limit} and {@code continue} as in Kubernetes, {@code search} and {@code syncStatus} as filters. A
 * namespace the caller may not read lists as empty. {@code format=yaml} is the export
 * ({@link RepositoryExportController}).
 */
@RestController
@RequestMapping(RepositoryResourceController.BASE)
public class RepositoryListController {

    private final RepositoryCatalogueQueries repositories;
    private final RepositoryResources resources;
    private final GatewayProperties properties;
    private final Access access;

    public RepositoryListController(RepositoryCatalogueQueries repositories, RepositoryResources resources,
                                    GatewayProperties properties, Access access) {
        this.repositories = repositories;
        this.resources = resources;
        this.properties = properties;
        this.access = access;
    }

    @GetMapping({"/namespaces/{namespace}/repositories", "/repositories"})
    public RepositoryList list(@PathVariable(required = false) String namespace,
                               @RequestParam(required = false) String limit,
                               @RequestParam(name = "continue", required = false) String continueToken,
                               @RequestParam(required = false) String search,
                               @RequestParam(required = false) List<String> syncStatus,
                               @RequestParam(required = false) String format) {
        if (format != null && !format.equals("json")) {
            throw new BadRequestException("format", "must be json (the default) or yaml (the export), not \""
                    + format + "\"");
        }
        Caller caller = access.authenticated(CurrentCaller.get());
        int size = ListParameters.limit(limit, properties.maxPageSize());
        NameCursor after = ListParameters.after(continueToken);
        RepositoryFilter filter = new RepositoryFilter(namespace, ListParameters.search(search),
                                                       ListParameters.statuses(syncStatus),
                                                       caller.namespacesWith(Permission.READ).orElse(null));
        RepositoryPage page = repositories.list(filter, size, after);
        List<RepositoryView> items = page.items();
        String next = page.hasNextPage() && !items.isEmpty()
                ? new NameCursor(items.get(items.size() - 1).namespace(), items.get(items.size() - 1).name()).encode()
                : null;
        return RepositoryList.of(resources.toResources(items), next);
    }
}
