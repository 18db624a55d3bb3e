package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An apply of resource documents for both edges (the GraphQL mutation applyRepositories and a REST POST of
 * several documents): the RegistrySource documents first, in their order ({@link RegistrySourceApply}), so that
 * repositories of the same text can use the sources it adds; then the Repository documents, in their order
 * ({@link RepositoryApply}). The outcomes come back in document order. A dry run plans everything the same way
 * (a repository may use a source the same dry run adds) and changes nothing: no command, no event, and no audit
 * entry, not even for a refusal.
 */
@Service
public class ResourceApply {

    private final RepositoryApply repositories;
    private final RegistrySourceApply sources;
    private final Catalogue catalogue;
    private final Access access;

    public ResourceApply(RepositoryApply repositories, RegistrySourceApply sources, Catalogue catalogue,
                         Access access) {
        this.repositories = repositories;
        this.sources = sources;
        this.catalogue = catalogue;
        this.access = access;
    }

    /**
     * namespace: the request's (documents naming another one fail), or null for each document's own. operation:
     * the name refusals give (applyRepositories).
     */
    public List<ApplyOutcome> apply(List<ParsedDocument> documents, String namespace, Caller caller, boolean dryRun,
                                    String operation) {
        catalogue.batch(documents.size(), "documents", Catalogue.Batch.Wording.COUNT);
        List<ParsedDocument> sourceDocuments = new ArrayList<>();
        List<ParsedDocument> repositoryDocuments = new ArrayList<>();
        documents.forEach(d -> (RegistrySourceDocuments.isSource(d) ? sourceDocuments : repositoryDocuments).add(d));
        List<ApplyOutcome> outcomes = new ArrayList<>(documents.size());
        Map<RegistryRef, Boolean> added = Map.of();
        if (!sourceDocuments.isEmpty()) {
            RegistrySourceApply.Applied applied = sources.apply(
                    sourceDocuments, namespace, (ns, name) -> dryRun
                            ? access.wouldRefuse(caller, Permission.MANAGE, ns, operation)
                            : access.check(caller, Permission.MANAGE, ns, operation, "REGISTRY", name), dryRun);
            outcomes.addAll(applied.outcomes());
            added = applied.added();
        }
        if (!repositoryDocuments.isEmpty()) {
            Map<RegistryRef, Boolean> addedByDryRun = dryRun ? added : Map.of();
            outcomes.addAll(repositories.apply(
                    repositoryDocuments, namespace,
                    c -> dryRun ? access.wouldRefuseAdd(caller, c, operation, ref -> addedByDryRun.getOrDefault(ref, false))
                            : access.checkAdd(caller, c, operation),
                    dryRun, addedByDryRun::containsKey));
        }
        outcomes.sort(Comparator.comparingInt(ApplyOutcome::index));
        return outcomes;
    }
}
