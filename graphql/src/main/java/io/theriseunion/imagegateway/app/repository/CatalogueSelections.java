package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.command.CatalogueLaggingException;
import io.theriseunion.imagegateway.app.command.CommandFailures;
import io.theriseunion.imagegateway.app.command.UnexpectedFailureException;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.domain.api.DeleteRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryNotFoundException;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.TriggerSyncCommand;
import io.theriseunion.imagegateway.domain.repository.RepositoryNames;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryFilter;
import io.theriseunion.imagegateway.projections.repository.RepositoryPage;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Batches over a selection of the catalogue: the toolbar's sync of the selected repositories, and "select all
 * matching" (every repository a filter matches, confirmed by its count) for sync and delete. A selection may be
 * larger than a batch (gateway.max-batch-size): it is worked through in chunks of that size, each chunk's items on
 * their own and several at a time on the {@link BatchWorkers}, each chunk waiting for its items at most
 * gateway.batch-timeout and for the read side to show them (read-your-writes) before the next starts.
 */
@Service
public class CatalogueSelections {

    private final CommandGateway commands;
    private final RepositoryNames names;
    private final RepositoryCatalogueQueries repositories;
    private final ReadModelProgress progress;
    private final GatewayProperties properties;
    private final BatchWorkers workers;

    public CatalogueSelections(CommandGateway commands, RepositoryNames names, RepositoryCatalogueQueries repositories,
                               ReadModelProgress progress, GatewayProperties properties, BatchWorkers workers) {
        this.commands = commands;
        this.names = names;
        this.repositories = repositories;
        this.progress = progress;
        this.properties = properties;
        this.workers = workers;
    }

    /**
     * Every repository the filter matches now, in catalogue order (namespace, then name); CONFIRMATION_MISMATCH
     * (naming the current count) unless confirmCount is that number, so that nothing is done to a selection other
     * than the one the caller saw counted.
     */
    public List<RepositoryRef> matching(RepositoryFilter filter, Integer confirmCount) {
        List<RepositoryRef> matched = new ArrayList<>();
        NameCursor after = null;
        RepositoryPage page;
        do {
            page = repositories.list(filter, properties.maxBatchSize(), after);
            for (RepositoryView r : page.items()) {
                matched.add(new RepositoryRef(r.namespace(), r.name()));
            }
            if (!page.items().isEmpty()) {
                RepositoryView last = page.items().get(page.items().size() - 1);
                after = new NameCursor(last.namespace(), last.name());
            }
        } while (page.hasNextPage());
        if (confirmCount == null || confirmCount != matched.size()) {
            throw new ConfirmationMismatchException("confirmCount", "confirmCount must equal the number of"
                    + " repositories the filter matches, " + matched.size() + " now, not " + confirmCount
                    + "; nothing was changed");
        }
        return matched;
    }

    /** Deletes each repository on its own; the answer comes once the catalogue no longer shows the deleted ones. */
    public List<ItemOutcome> deleteEach(List<RepositoryRef> refs, Catalogue.ItemCheck check) {
        return inChunks(refs, check, ref -> {
            RepositoryId id = idOf(ref);
            send(new DeleteRepositoryCommand(id), ref);
            return id.value();
        }, done -> await(progress.awaitGone(ReadModelProgress.ReadModel.REPOSITORIES, done,
                                            properties.readYourWrites())));
    }

    /**
     * Asks each repository for a sync, as triggerSync does: a repository whose sync is pending or running joins
     * that run. The answer comes once the sync history shows every run.
     */
    public List<ItemOutcome> triggerEach(List<RepositoryRef> refs, String requestedBy, Catalogue.ItemCheck check) {
        return inChunks(refs, check, ref -> send(new TriggerSyncCommand(idOf(ref), SyncTrigger.MANUAL, requestedBy),
                                                 ref),
                        runs -> await(progress.awaitPresent(ReadModelProgress.ReadModel.SYNC_RUNS, runs,
                                                            properties.readYourWrites())));
    }

    /**
     * Runs the action for each allowed item, a chunk of at most gateway.max-batch-size at a time; an item's action
     * answers the id the read side must show, which onChunk awaits for the chunk's items that succeeded.
     */
    private List<ItemOutcome> inChunks(List<RepositoryRef> refs, Catalogue.ItemCheck check,
                                       Function<RepositoryRef, String> action, ChunkDone onChunk) {
        List<ItemOutcome> outcomes = new ArrayList<>(refs.size());
        int size = properties.maxBatchSize();
        for (int from = 0; from < refs.size(); from += size) {
            List<RepositoryRef> chunk = refs.subList(from, Math.min(refs.size(), from + size));
            Instant deadline = Instant.now().plus(workers.timeout());
            List<Attempt> attempts = new ArrayList<>(chunk.size());
            for (RepositoryRef ref : chunk) {
                GatewayException refused = check.refusal(ref.namespace(), ref.name());
                attempts.add(refused != null ? Attempt.refused(refused) : queue(ref, action));
            }
            List<String> done = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                Attempt attempt = attempts.get(i);
                GatewayException error = attempt.error(deadline, workers.timeout());
                if (error == null) {
                    done.add(attempt.result());
                }
                outcomes.add(new ItemOutcome(chunk.get(i).namespace(), chunk.get(i).name(), error));
            }
            onChunk.await(done);
        }
        return outcomes;
    }

    @FunctionalInterface
    private interface ChunkDone {
        void await(List<String> ids);
    }

    private Attempt queue(RepositoryRef ref, Function<RepositoryRef, String> action) {
        AtomicBoolean began = new AtomicBoolean(false);
        Attempt attempt = new Attempt(began);
        try {
            attempt.future = workers.submit(() -> {
                began.set(true);
                try {
                    attempt.value = action.apply(ref);
                    return null;
                } catch (GatewayException e) {
                    return e;
                } catch (RuntimeException e) {
                    return CommandFailures.explain(e);
                }
            });
        } catch (BatchWorkersBusyException busy) {
            attempt.future = CompletableFuture.completedFuture(busy);
        }
        return attempt;
    }

    /** One item's work: its refusal, or the id its action answered. */
    private static final class Attempt {

        private final AtomicBoolean began;
        private Future<GatewayException> future;
        private volatile String value;

        private Attempt(AtomicBoolean began) {
            this.began = began;
        }

        static Attempt refused(GatewayException refusal) {
            Attempt attempt = new Attempt(new AtomicBoolean(true));
            attempt.future = CompletableFuture.completedFuture(refusal);
            return attempt;
        }

        String result() {
            return value;
        }

        /** The refusal, or null; an item not done by the deadline is cancelled unless it started. */
        GatewayException error(Instant deadline, Duration timeout) {
            try {
                return future.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()),
                                  TimeUnit.MILLISECONDS);
            } catch (TimeoutException late) {
                future.cancel(false);
                return began.get() ? BatchTimeoutException.unfinished(timeout)
                        : BatchTimeoutException.notStarted(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new UnexpectedFailureException();
            } catch (ExecutionException e) {
                return CommandFailures.explain(e.getCause());
            }
        }
    }

    private RepositoryId idOf(RepositoryRef ref) {
        return names.find(ref.namespace(), ref.name())
                    .orElseThrow(() -> new RepositoryNotFoundException(ref.namespace(), ref.name()));
    }

    private <R> R send(Object command, RepositoryRef ref) {
        try {
            return commands.sendAndWait(command);
        } catch (RuntimeException e) {
            throw CommandFailures.explain(e, () -> new RepositoryNotFoundException(ref.namespace(), ref.name()), null);
        }
    }

    private static void await(boolean shown) {
        if (!shown) {
            throw new CatalogueLaggingException();
        }
    }
}
