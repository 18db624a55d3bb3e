package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.SyncedLayer;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import io.theriseunion.imagegateway.projections.repository.SyncErrorView;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts between the catalogue and the resource format: a repository view becomes a resource with its status
 * (or, for an export, with spec and annotations only); a resource sent by a client becomes an add command.
 */
@Component
public class RepositoryResources {

    private final RegistryCatalogueQueries registries;

    public RepositoryResources(RegistryCatalogueQueries registries) {
        this.registries = registries;
    }

    public RepositoryResource toResource(RepositoryView view) {
        return toResources(List.of(view)).get(0);
    }

    /** Resources with status; each registry source's domain is looked up once. */
    public List<RepositoryResource> toResources(List<RepositoryView> views) {
        Map<RegistryRef, String> domains = new HashMap<>();
        return views.stream().map(v -> new RepositoryResource(
                RepositoryResource.API_VERSION, RepositoryResource.KIND,
                new RepositoryResource.Metadata(v.name(), v.namespace(), v.id(), String.valueOf(v.version()),
                                                v.createdAt(), annotations(v)),
                spec(v), status(v, domains.computeIfAbsent(v.registry(), this::domain)))).toList();
    }

    /** What an export writes: what recreates the repository elsewhere, and nothing of this gateway's state. */
    public static RepositoryResource exported(RepositoryView v) {
        return new RepositoryResource(RepositoryResource.API_VERSION, RepositoryResource.KIND,
                                      new RepositoryResource.Metadata(v.name(), v.namespace(), null, null, null,
                                                                      annotations(v)),
                                      spec(v), null);
    }

    /**
     * The add command of a resource. namespace: the request's (it wins; a document naming another one is
     * refused), or null to take the document's own.
     */
    public static AddRepositoryCommand toCommand(RepositoryResource r, ParsedDocument document, String namespace) {
        String own = r.metadata() == null ? null : r.metadata().namespace();
        if (namespace != null && own != null && !own.equals(namespace)) {
            throw MalformedDocumentException.of(document.index(), document.line(), "metadata.namespace",
                                                "is \"" + own + "\", but the request is for namespace \""
                                                        + namespace + "\"; remove it or make them agree");
        }
        String ns = namespace != null ? namespace : own;
        Map<String, String> annotations = r.metadata() == null || r.metadata().annotations() == null
                ? Map.of() : r.metadata().annotations();
        RepositoryResource.Spec spec = r.spec() == null
                ? new RepositoryResource.Spec(null, null, null, null, null, null) : r.spec();
        RegistryRef registry = spec.registryRef() == null ? null
                : new RegistryRef(spec.registryRef().namespace() == null ? ns : spec.registryRef().namespace(),
                                  spec.registryRef().name());
        return new AddRepositoryCommand(RepositoryId.next(), ns, r.metadata() == null ? null : r.metadata().name(),
                                        annotations.get(RepositoryResource.DISPLAY_NAME),
                                        annotations.get(RepositoryResource.DESCRIPTION), registry, spec.repository(),
                                        spec.tag(), spec.syncInterval(), spec.syncTimeout(), spec.retryCount());
    }

    /** An enum constant as the resource writes it: PENDING is {@code Pending}. */
    public static String statusName(Enum<?> value) {
        String name = value.name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> annotations(RepositoryView v) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (v.displayName() != null) {
            annotations.put(RepositoryResource.DISPLAY_NAME, v.displayName());
        }
        if (v.description() != null) {
            annotations.put(RepositoryResource.DESCRIPTION, v.description());
        }
        return annotations;
    }

    private static RepositoryResource.Spec spec(RepositoryView v) {
        return new RepositoryResource.Spec(v.repository(), v.tag(),
                                           new RepositoryResource.RegistryRef(v.registry().name(),
                                                                              v.registry().namespace()),
                                           v.syncInterval(), v.syncTimeout(), v.retryCount());
    }

    private static RepositoryStatus status(RepositoryView v, String domain) {
        SyncErrorView e = v.lastError();
        RepositoryStatus.LastError lastError = e == null ? null
                : new RepositoryStatus.LastError(e.code(), e.message(), e.httpStatus(), e.at());
        return new RepositoryStatus(domain, statusName(v.syncStatus()), v.lastSynced(), v.nextSyncAt(), v.digest(),
                                    manifest(Json.read(v.manifestJson(), SyncedManifest.class)), lastError);
    }

    private static RepositoryStatus.Manifest manifest(SyncedManifest m) {
        if (m == null) {
            return null;
        }
        return new RepositoryStatus.Manifest(
                m.digest(), m.mediaType(), m.architecture(), m.os(), m.variant(), HumanSize.of(m.size()), m.created(),
                layers(m.layers()),
                m.platforms() == null ? null : m.platforms().stream()
                        .map(p -> new RepositoryStatus.Platform(p.os(), p.architecture(), p.variant(), p.digest(),
                                                                HumanSize.of(p.size())))
                        .toList());
    }

    private static List<RepositoryStatus.Layer> layers(List<SyncedLayer> layers) {
        return layers == null ? null : layers.stream()
                .map(l -> new RepositoryStatus.Layer(l.digest(), String.valueOf(l.size()), l.mediaType()))
                .toList();
    }

    private String domain(RegistryRef ref) {
        return registries.find(ref.namespace(), ref.name()).map(RegistryView::domain).orElse(null);
    }
}
