package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.SequenceWriter;
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
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;

/**
 * {@code GET .../repositories?format=yaml}: every repository of the list (one namespace, or all the caller may
 * read; {@code search} and {@code syncStatus} filter), as multi-document YAML with spec and annotations only,
 * which applied to another gateway recreates them. Written page by page as it is read, so any size fits.
 * {@code includeRegistrySources=true} writes first the registry sources of the same namespace (or of every
 * namespace the caller may read) as RegistrySource documents, without secrets, so that one file recreates both.
 */
@RestController
@RequestMapping(RepositoryResourceController.BASE)
public class RepositoryExportController {

    private final RepositoryCatalogueQueries repositories;
    private final GatewayProperties properties;
    private final Access access;
    private final RegistrySourceExportController.Writer sources;

    public RepositoryExportController(RepositoryCatalogueQueries repositories, GatewayProperties properties,
                                      Access access, RegistrySourceExportController.Writer sources) {
        this.repositories = repositories;
        this.properties = properties;
        this.access = access;
        this.sources = sources;
    }

    @GetMapping(path = {"/namespaces/{namespace}/repositories", "/repositories"}, params = "format=yaml")
    public void export(@PathVariable(required = false) String namespace,
                       @RequestParam(required = false) String limit,
                       @RequestParam(name = "continue", required = false) String continueToken,
                       @RequestParam(required = false) String search,
                       @RequestParam(required = false) List<String> syncStatus,
                       @RequestParam(defaultValue = "false") boolean includeRegistrySources,
                       HttpServletResponse response) throws IOException {
        if (limit != null || continueToken != null) {
            throw new BadRequestException(limit != null ? "limit" : "continue", "does not apply to format=yaml,"
                    + " which exports every matching repository");
        }
        Caller caller = access.authenticated(CurrentCaller.get());
        RepositoryFilter filter = new RepositoryFilter(namespace, ListParameters.search(search),
                                                       ListParameters.statuses(syncStatus),
                                                       caller.namespacesWith(Permission.READ).orElse(null));
        response.setContentType("application/yaml;charset=UTF-8");
        try (SequenceWriter out = ResourceYaml.writer(response.getOutputStream())) {
            if (includeRegistrySources) {
                sources.write(out, namespace, caller);
            }
            NameCursor after = null;
            RepositoryPage page;
            do {
                page = repositories.list(filter, properties.maxPageSize(), after);
                for (RepositoryView view : page.items()) {
                    out.write(RepositoryResources.exported(view));
                    after = new NameCursor(view.namespace(), view.name());
                }
            } while (page.hasNextPage() && !page.items().isEmpty());
        }
    }
}
