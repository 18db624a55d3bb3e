package io.theriseunion.imagegateway.graphql.live;

import io.theriseunion.imagegateway.app.live.RepositoryChange;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The repository a {@link RepositoryChange} shows ({@code RepositoryEvent.repository}), looked up once per change
 * however many subscribers select it: the first subscriber waits for the catalogue to apply the change (woken by
 * the projection, see {@link ReadModelProgress}) and reads the row; the others take its answer. The last
 * {@value #REMEMBERED} answers are kept.
 */
@Component
class ShownRepositories {

    private static final Duration CATALOGUE_WAIT = Duration.ofSeconds(5);
    private static final int REMEMBERED = 1024;

    private final RepositoryCatalogueQueries repositories;
    private final ReadModelProgress progress;
    private final Map<RepositoryChange, CompletableFuture<Optional<RepositoryView>>> answers =
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<RepositoryChange, CompletableFuture<Optional<RepositoryView>>> eldest) {
                    return size() > REMEMBERED;
                }
            };

    ShownRepositories(RepositoryCatalogueQueries repositories, ReadModelProgress progress) {
        this.repositories = repositories;
        this.progress = progress;
    }

    /** The repository once the catalogue shows this change (or later ones); null after a delete or on timeout. */
    RepositoryView of(RepositoryChange change) {
        if (change.type() == RepositoryChange.Type.DELETED) {
            return null;
        }
        CompletableFuture<Optional<RepositoryView>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<RepositoryView>> first;
        synchronized (answers) {
            first = answers.putIfAbsent(change, mine);
        }
        if (first != null) {
            return first.join().orElse(null);
        }
        try {
            mine.complete(lookUp(change));
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            synchronized (answers) {
                answers.remove(change, mine);
            }
            throw e;
        }
        return mine.join().orElse(null);
    }

    private Optional<RepositoryView> lookUp(RepositoryChange change) {
        // present first: an absent row counts as sequence 0, which the ADDED event already has
        boolean shown = progress.awaitPresent(ReadModelProgress.ReadModel.REPOSITORY_EVENTS,
                                              List.of(change.repositoryId()), CATALOGUE_WAIT)
                && progress.awaitVersions(ReadModelProgress.ReadModel.REPOSITORY_EVENTS,
                                          Map.of(change.repositoryId(), change.sequence()), CATALOGUE_WAIT);
        if (!shown) {
            return Optional.empty();
        }
        return repositories.find(change.namespace(), change.name())
                        .filter(r -> Objects.equals(r.id(), change.repositoryId()));
    }
}
