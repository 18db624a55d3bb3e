package io.theriseunion.imagegateway.graphql.registrysource;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.registrysource.RegistryBrowsing;
import io.theriseunion.imagegateway.app.registrysource.RegistryNamePage;
import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RegistrySourceNotFoundException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The create panel's pickers: {@code registryRepositories} and {@code registryTags}. */
@Controller
public class RegistryBrowseController {

    private final RegistryBrowsing browsing;
    private final Access access;

    public RegistryBrowseController(RegistryBrowsing browsing, Access access) {
        this.browsing = browsing;
        this.access = access;
    }

    @QueryMapping
    public RegistryNamePage registryRepositories(@Argument String namespace, @Argument String registry,
                                     @Argument String registryNamespace, @Argument String search,
                                     @Argument Integer first, @Argument String after,
                                     @ContextValue(required = false) Caller caller) {
        RegistryRef source = usable(caller, namespace, registry, registryNamespace, "registryRepositories");
        return (browsing.repositories(namespace, source, search, first == null ? 50 : first, after));
    }

    @QueryMapping
    public RegistryNamePage registryTags(@Argument String namespace, @Argument String registry,
                             @Argument String registryNamespace, @Argument String repository,
                             @Argument String search, @Argument Integer first, @Argument String after,
                             @ContextValue(required = false) Caller caller) {
        RegistryRef source = usable(caller, namespace, registry, registryNamespace, "registryTags");
        return (browsing.tags(namespace, source, repository, search, first == null ? 100 : first, after));
    }

    /**
     * EDITOR in the namespace the repository will be created in, and the right to use the source from there (as
     * addRepository); a source the caller may not use is answered as one that does not exist.
     */
    private RegistryRef usable(Caller caller, String namespace, String registry, String registryNamespace,
                               String operation) {
        access.require(caller, Permission.WRITE, namespace, operation, "REGISTRY", registry);
        RegistryRef source = new RegistryRef(registryNamespace == null ? namespace : registryNamespace, registry);
        AddRepositoryCommand use = new AddRepositoryCommand(null, namespace, null, null, null, source, null, null,
                                                            null, null, null);
        if (access.checkSourceUse(caller, use) != null) {
            throw new RegistrySourceNotFoundException(source.namespace(), source.name());
        }
        return source;
    }
}
