package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.CurrentCaller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.RepositoryNotFoundException;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * One repository over REST, as the product document names the endpoints: read, create (or, with several YAML
 * documents, apply), delete and sync now. The same write path, roles and audit as GraphQL; refusals are
 * Kubernetes Status answers ({@link RestExceptionResolver}).
 */
@RestController
@RequestMapping(RepositoryResourceController.BASE)
public class RepositoryResourceController {

    public static final String BASE = "/oapis/" + RepositoryResource.API_VERSION;
    private static final String REPOSITORY = "REPOSITORY";

    private final Catalogue catalogue;
    private final RepositoryCatalogueQueries repositories;
    private final ResourceApply apply;
    private final RepositoryResources resources;
    private final Access access;

    public RepositoryResourceController(Catalogue catalogue, RepositoryCatalogueQueries repositories,
                                        ResourceApply apply, RepositoryResources resources, Access access) {
        this.catalogue = catalogue;
        this.repositories = repositories;
        this.apply = apply;
        this.resources = resources;
        this.access = access;
    }

    /** 404 also when the caller may not read the namespace: no hint whether the repository exists. */
    @GetMapping("/namespaces/{namespace}/repositories/{name}")
    public RepositoryResource get(@PathVariable String namespace, @PathVariable String name) {
        Caller caller = access.authenticated(CurrentCaller.get());
        if (!caller.can(Permission.READ, namespace)) {
            throw new RepositoryNotFoundException(namespace, name);
        }
        return repositories.find(namespace, name).map(resources::toResource)
                           .orElseThrow(() -> new RepositoryNotFoundException(namespace, name));
    }

    /** dryRun=All (as kubectl sends it): the apply's answer for any number of documents, and nothing changed. */
    @PostMapping("/namespaces/{namespace}/repositories")
    public ResponseEntity<?> create(@PathVariable String namespace,
                                    @RequestParam(required = false) String dryRun,
                                    HttpServletRequest request) throws IOException {
        return post(namespace, dryRun(dryRun), request);
    }

    /** Documents of any namespaces, each naming its own (an export of all namespaces, applied). */
    @PostMapping("/repositories")
    public ResponseEntity<?> createInTheirNamespaces(@RequestParam(required = false) String dryRun,
                                                     HttpServletRequest request) throws IOException {
        return post(null, dryRun(dryRun), request);
    }

    /** Kubernetes' dryRun parameter: absent, or All. */
    private static boolean dryRun(String value) {
        if (value == null) {
            return false;
        }
        if (!value.equals("All")) {
            throw new BadRequestException("dryRun", "must be All (or left out), not \"" + value + "\"");
        }
        return true;
    }

    @DeleteMapping("/namespaces/{namespace}/repositories/{name}")
    public KubernetesStatus delete(@PathVariable String namespace, @PathVariable String name) {
        access.require(access.authenticated(CurrentCaller.get()), Permission.DELETE, namespace, "deleteRepository",
                       REPOSITORY, name);
        RepositoryView view = repositories.find(namespace, name)
                                          .orElseThrow(() -> new RepositoryNotFoundException(namespace, name));
        catalogue.delete(namespace, name);
        return KubernetesStatus.success(name, view.id());
    }

    /** Requests a sync (or joins the one already open) and answers 202 with the repository as it now stands. */
    @PostMapping("/namespaces/{namespace}/repositories/{name}/sync")
    public ResponseEntity<RepositoryResource> sync(@PathVariable String namespace, @PathVariable String name) {
        Caller caller = access.require(access.authenticated(CurrentCaller.get()), Permission.WRITE, namespace,
                                       "triggerSync", REPOSITORY, name);
        catalogue.triggerSync(namespace, name, caller.name());
        RepositoryView view = repositories.find(namespace, name)
                                          .orElseThrow(() -> new RepositoryNotFoundException(namespace, name));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(resources.toResource(view));
    }

    /**
     * One Repository document: 201 with the created resource. Several, a RegistrySource document, or a dry run:
     * an apply, 200 with a result per document.
     */
    private ResponseEntity<?> post(String namespace, boolean dryRun, HttpServletRequest request) throws IOException {
        Caller caller = access.authenticated(CurrentCaller.get());
        List<ParsedDocument> documents = ResourceBody.read(request).documents();
        if (documents.size() != 1 || dryRun || RegistrySourceDocuments.isSource(documents.get(0))) {
            if (namespace != null) {
                if (dryRun) {
                    GatewayException refused = access.wouldRefuse(caller, Permission.WRITE, namespace,
                                                                  "applyRepositories");
                    if (refused != null) {
                        throw refused;
                    }
                } else {
                    access.require(caller, Permission.WRITE, namespace, "applyRepositories", REPOSITORY, null);
                }
            }
            if (documents.isEmpty()) {
                throw new BadRequestException("body", "holds no Repository resource");
            }
            return ResponseEntity.ok(RepositoryApplyResult.of(
                    apply.apply(documents, namespace, caller, dryRun, "applyRepositories"), dryRun));
        }
        ParsedDocument document = documents.get(0);
        String name = ResourceReader.namesOf(document).name();
        try {
            if (namespace != null) {
                access.require(caller, Permission.WRITE, namespace, "addRepository", REPOSITORY, name);
            }
            AddRepositoryCommand command = RepositoryResources.toCommand(ResourceReader.read(document), document,
                                                                         namespace);
            if (namespace == null && command.namespace() != null && !command.namespace().isBlank()) {
                access.require(caller, Permission.WRITE, command.namespace(), "addRepository", REPOSITORY, name);
            }
            GatewayException refused = access.checkSourceUse(caller, command);
            if (refused != null) {
                throw refused;
            }
            RepositoryView view = catalogue.add(command);
            return ResponseEntity.created(URI.create(BASE + "/namespaces/" + view.namespace() + "/repositories/"
                                                             + view.name()))
                                 .body(resources.toResource(view));
        } catch (GatewayException e) {
            return KubernetesStatus.of(e, name).toResponse();
        }
    }
}
