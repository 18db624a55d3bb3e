package io.theriseunion.imagegateway.graphql.repository;

import graphql.GraphQLContext;
import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.graphql.access.CallerInterceptor;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A repository's registry source: {@code registry} (as the caller may read it), {@code registryRef} and
 * {@code domain}. The sources of a whole page are read in one query, shared by both batch fields of a request.
 */
@Controller
public class RepositorySourceController {

    /** In the request's context: the last page's sources, so that registry and domain on one page cost one query. */
    private static final String SOURCES = RepositorySourceController.class.getName() + ".sources";

    private final RegistryCatalogueQueries registries;
    private final Access access;

    public RepositorySourceController(RegistryCatalogueQueries registries, Access access) {
        this.registries = registries;
        this.access = access;
    }

    @SchemaMapping(typeName = "Repository")
    public RegistryRef registryRef(RepositoryView repository) {
        return repository.registry();
    }

    /** The source of each repository, or null (no error) where the caller has no READ in its namespace or it is gone. */
    @BatchMapping(typeName = "Repository", field = "registry")
    public Map<RepositoryView, RegistryView> registry(List<RepositoryView> page, GraphQLContext context) {
        Caller caller = access.authenticated(context.get(CallerInterceptor.CALLER));
        Map<RegistryRef, RegistryView> sources = sources(page, context);
        Map<RepositoryView, RegistryView> byRepository = new HashMap<>();
        page.forEach(r -> {
            RegistryView source = sources.get(r.registry());
            if (source != null && caller.can(Permission.READ, source.namespace())) {
                byRepository.put(r, source);
            }
        });
        return byRepository;
    }

    /** The host (and port) of each repository's source; "" for a source that no longer exists. */
    @BatchMapping(typeName = "Repository", field = "domain")
    public Map<RepositoryView, String> domain(List<RepositoryView> page, GraphQLContext context) {
        Map<RegistryRef, RegistryView> sources = sources(page, context);
        Map<RepositoryView, String> byRepository = new HashMap<>();
        page.forEach(r -> {
            RegistryView source = sources.get(r.registry());
            byRepository.put(r, source == null ? "" : source.domain());
        });
        return byRepository;
    }

    /**
     * The sources of the page: read once, and reused by the other batch field of the same page (the very same
     * repository objects). Only the last page is kept, so a long subscription never reuses what an earlier event read.
     */
    private Map<RegistryRef, RegistryView> sources(List<RepositoryView> page, GraphQLContext context) {
        Loaded last = context.get(SOURCES);
        if (last != null && page.stream().allMatch(last.repositories::contains)) {
            return last.sources();
        }
        Map<RegistryRef, RegistryView> sources = registries.findAll(page.stream().map(RepositoryView::registry).toList());
        Set<RepositoryView> repositories = Collections.newSetFromMap(new IdentityHashMap<>());
        repositories.addAll(page);
        context.put(SOURCES, new Loaded(repositories, sources));
        return sources;
    }

    private record Loaded(Set<RepositoryView> repositories, Map<RegistryRef, RegistryView> sources) {
    }
}
