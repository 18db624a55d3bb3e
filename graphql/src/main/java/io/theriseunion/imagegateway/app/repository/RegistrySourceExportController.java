package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.CurrentCaller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryFilter;
import io.theriseunion.imagegateway.projections.registry.RegistryPage;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * {@code GET .../registrysources?format=yaml}: the registry sources of one namespace, or of every namespace the
 * caller may read, as multi-document YAML of kind RegistrySource: their settings, never a secret. Applied to
 * another gateway (with the repositories, or before them) it recreates the sources without credentials.
 */
@RestController
@RequestMapping(RepositoryResourceController.BASE)
public class RegistrySourceExportController {

    private final Writer writer;
    private final Access access;

    public RegistrySourceExportController(Writer writer, Access access) {
        this.writer = writer;
        this.access = access;
    }

    @GetMapping(path = {"/namespaces/{namespace}/" + RegistrySourceResource.PLURAL, "/" + RegistrySourceResource.PLURAL},
                params = "format=yaml")
    public void export(@PathVariable(required = false) String namespace,
                       @RequestParam(required = false) String limit,
                       @RequestParam(name = "continue", required = false) String continueToken,
                       HttpServletResponse response) throws IOException {
        if (limit != null || continueToken != null) {
            throw new BadRequestException(limit != null ? "limit" : "continue", "does not apply to format=yaml,"
                    + " which exports every registry source");
        }
        Caller caller = access.authenticated(CurrentCaller.get());
        response.setContentType("application/yaml;charset=UTF-8");
        try (SequenceWriter out = ResourceYaml.writer(response.getOutputStream())) {
            writer.write(out, namespace, caller);
        }
    }

    /** Writes the sources a caller may read (one namespace, or null for all), page by page as they are read. */
    @Component
    public static class Writer {

        private final RegistryCatalogueQueries registries;
        private final GatewayProperties properties;

        public Writer(RegistryCatalogueQueries registries, GatewayProperties properties) {
            this.registries = registries;
            this.properties = properties;
        }

        public void write(SequenceWriter out, String namespace, Caller caller) throws IOException {
            RegistryFilter filter = new RegistryFilter(namespace, caller.namespacesWith(Permission.READ).orElse(null));
            NameCursor after = null;
            RegistryPage page;
            do {
                page = registries.list(filter, properties.maxPageSize(), after);
                for (RegistryView view : page.items()) {
                    out.write(RegistrySourceDocuments.exported(view));
                    after = new NameCursor(view.namespace(), view.name());
                }
            } while (page.hasNextPage() && !page.items().isEmpty());
        }
    }
}
