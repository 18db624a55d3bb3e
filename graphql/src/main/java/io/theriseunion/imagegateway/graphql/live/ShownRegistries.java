package io.theriseunion.imagegateway.graphql.live;

import io.theriseunion.imagegateway.app.live.RegistryHealthChange;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The registry source a {@link RegistryHealthChange} shows ({@code RegistryHealthEvent.registry}): read once the
 * registry read model has applied the change (woken by its projection, see {@link ReadModelProgress}), so the
 * source's health is the pushed one or a later one, never an older one. Health changes are rare (a source's
 * health moves when a registry goes down or comes back), so each subscriber that selects it reads it itself.
 */
@Component
class ShownRegistries {

    private static final Duration READ_MODEL_WAIT = Duration.ofSeconds(5);

    private final RegistryCatalogueQueries registries;
    private final ReadModelProgress progress;

    ShownRegistries(RegistryCatalogueQueries registries, ReadModelProgress progress) {
        this.registries = registries;
        this.progress = progress;
    }

    /** The source as it is after this change (or later ones); null once it is removed, or on timeout. */
    RegistryView of(RegistryHealthChange change) {
        // registry_view.version is the sequence of the last event applied plus one
        boolean shown = progress.awaitVersions(ReadModelProgress.ReadModel.REGISTRIES,
                                               Map.of(change.registryId(), change.sequence() + 1), READ_MODEL_WAIT);
        if (!shown) {
            return null;
        }
        return registries.find(change.namespace(), change.name())
                         .filter(r -> Objects.equals(r.id(), change.registryId()))
                         .orElse(null);
    }
}
