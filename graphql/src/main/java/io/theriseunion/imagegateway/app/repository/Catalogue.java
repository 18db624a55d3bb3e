package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.command.CatalogueLaggingException;
import io.theriseunion.imagegateway.app.command.CommandBatches;
import io.theriseunion.imagegateway.app.command.CommandFailures;
import io.theriseunion.imagegateway.app.command.UnexpectedFailureException;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.DeleteRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.EditRepositoryMetadataCommand;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.RepositoryAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryNotFoundException;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.TriggerSyncCommand;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.repository.RepositoryNames;
import io.theriseunion.imagegateway.projections.ReadModelProgress;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import io.theriseunion.imagegateway.projections.sync.SyncHistoryQueries;
import io.theriseunion.imagegateway.projections.sync.SyncRunView;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The write path of the repository catalogue for GraphQL and REST: turns requests into commands, and answers only
 * once the read side shows the change (read-your-writes), so that a follow-up query sees it. Processes that only
 * ask for a sync (the webhook, outage recovery) send their {@code TriggerSyncCommand} themselves.
 */
@Service
public class Catalogue {

    /** The fewest items of a batch that share one unit of work before another batch worker takes a share. */
    private static final int MIN_SHARE = 50;

    private final CommandGateway commands;
    private final RepositoryCatalogueQueries repositories;
    private final SyncHistoryQueries syncRuns;
    private final RepositoryNames names;
    private final ReadModelProgress progress;
    private final GatewayProperties properties;
    private final BatchWorkers workers;
    private final CommandBatches batches;

    public Catalogue(CommandGateway commands, RepositoryCatalogueQueries repositories, SyncHistoryQueries syncRuns,
                     RepositoryNames names, ReadModelProgress progress, GatewayProperties properties,
                     BatchWorkers workers, CommandBatches batches) {
        this.workers = workers;
        this.batches = batches;
        this.commands = commands;
        this.repositories = repositories;
        this.syncRuns = syncRuns;
        this.names = names;
        this.progress = progress;
        this.properties = properties;
    }

    public RepositoryView add(AddRepositoryCommand command) {
        send(command, command.namespace(), command.name());
        return shownAt(command.namespace(), command.name(), command.repositoryId().value(), 1L);
    }

    /**
     * Adds every item on its own (one bad item blocks no other) under the batch rules ({@link #batch}): a name that
     * appears earlier in the same batch is refused without a command, so the first occurrence wins. The accepted
     * items go to the batch workers in a few shares, each share's commands in one unit of work and one commit
     * ({@link CommandBatches}).
     */
    public List<ItemOutcome> addAll(List<AddRepositoryCommand> batch, AddCheck check) {
        Batch rules = batch(batch.size(), "input", Batch.Wording.ITEMS);
        return addEach(batch, command -> {
            GatewayException refused = check.refusal(command);
            return refused != null ? refused : rules.claim(command.namespace(), command.name());
        });
    }

    /**
     * Adds items a caller has already checked, each against its refusals and its {@link Batch}'s first-wins rule
     * (an apply, which decides per document whether it adds, edits or leaves a repository): each on its own, in
     * shares of one commit each, as {@link #addAll} does.
     */
    public List<ItemOutcome> addChecked(List<AddRepositoryCommand> checked) {
        return addEach(checked, command -> null);
    }

    private List<ItemOutcome> addEach(List<AddRepositoryCommand> batch,
                                      Function<AddRepositoryCommand, GatewayException> refusal) {
        Instant deadline = Instant.now().plus(workers.timeout());
        GatewayException[] errors = new GatewayException[batch.size()];
        List<Integer> accepted = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            errors[i] = refusal.apply(batch.get(i));
            if (errors[i] == null) {
                accepted.add(i);
            }
        }
        // a few shares, each one unit of work and one commit on a batch worker; each at most half the queue, so
        // that a full queue refuses the items beyond it, not a whole batch
        int share = Math.min(Math.max(1, workers.queueSize() / 2), Math.max(MIN_SHARE, (accepted.size() + properties.batchParallelism()
                - 1) / properties.batchParallelism()));
        List<List<Integer>> shares = new ArrayList<>();
        List<Future<GatewayException[]>> attempts = new ArrayList<>();
        List<AtomicBoolean> started = new ArrayList<>();
        for (int from = 0; from < accepted.size(); from += share) {
            List<Integer> items = accepted.subList(from, Math.min(accepted.size(), from + share));
            AtomicBoolean began = new AtomicBoolean(false);
            shares.add(items);
            started.add(began);
            attempts.add(queue(items.stream().map(batch::get).toList(), began));
        }
        for (int s = 0; s < shares.size(); s++) {
            GatewayException[] outcome = outcome(attempts.get(s), started.get(s), deadline, shares.get(s).size());
            for (int k = 0; k < outcome.length; k++) {
                errors[shares.get(s).get(k)] = outcome[k];
            }
        }
        List<ItemOutcome> outcomes = new ArrayList<>(batch.size());
        Map<String, Long> added = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            AddRepositoryCommand command = batch.get(i);
            if (errors[i] == null) {
                added.put(command.repositoryId().value(), 1L);
            }
            outcomes.add(new ItemOutcome(command.namespace(), command.name(), errors[i]));
        }
        awaitVersions(added);
        return outcomes;
    }

    public RepositoryView edit(String namespace, String name, String displayName, String description,
                               Long expectedVersion) {
        RepositoryId id = idOf(namespace, name);
        Long version = send(new EditRepositoryMetadataCommand(id, displayName, description, expectedVersion),
                            namespace, name);
        return shownAt(namespace, name, id.value(), version);
    }

    /** Requests a sync (or joins the open one) and answers with the run as its history shows it. */
    public SyncRunView triggerSync(String namespace, String name, String requestedBy) {
        RepositoryId id = idOf(namespace, name);
        String runId = send(new TriggerSyncCommand(id, SyncTrigger.MANUAL, requestedBy), namespace, name);
        Optional<SyncRunView> now = syncRuns.find(runId); // mostly written with the command (the catalogue at commit)
        if (now.isPresent()) {
            return now.get();
        }
        if (!progress.awaitPresent(ReadModelProgress.ReadModel.SYNC_RUNS, List.of(runId), properties.readYourWrites())) {
            throw new CatalogueLaggingException();
        }
        return syncRuns.find(runId).orElseThrow(CatalogueLaggingException::new);
    }

    public void delete(String namespace, String name) {
        RepositoryId id = idOf(namespace, name);
        send(new DeleteRepositoryCommand(id), namespace, name);
        awaitGone(List.of(id.value()));
    }

    public List<ItemOutcome> deleteAll(List<RepositoryRef> refs, ItemCheck check) {
        batch(refs.size(), "refs", Batch.Wording.ITEMS);
        List<ItemOutcome> outcomes = new ArrayList<>(refs.size());
        List<String> deleted = new ArrayList<>();
        for (RepositoryRef ref : refs) {
            GatewayException refused = check.refusal(ref.namespace(), ref.name());
            GatewayException error = refused != null ? refused : attempt(() -> {
                RepositoryId id = idOf(ref.namespace(), ref.name());
                send(new DeleteRepositoryCommand(id), ref.namespace(), ref.name());
                deleted.add(id.value());
            });
            outcomes.add(new ItemOutcome(ref.namespace(), ref.name(), error));
        }
        awaitGone(deleted);
        return outcomes;
    }

    /**
     * Opens a batch of size items under the rules every batch of the catalogue follows, whichever edge sends it:
     * at most gateway.max-batch-size items (a larger batch is refused whole: VALIDATION_FAILED on field, worded as
     * that edge has always worded it), and the first item naming a repository wins ({@link Batch#claim}).
     */
    public Batch batch(int size, String field, Batch.Wording wording) {
        if (size > properties.maxBatchSize()) {
            throw ValidationException.of(field, wording.tooMany(properties.maxBatchSize(), size));
        }
        return new Batch();
    }

    /** The names one batch has claimed so far. */
    public static final class Batch {

        /** How a batch over the cap is refused: each edge keeps the text its clients have always seen. */
        public enum Wording {
            /** "must have at most 500 items, not 501": the lists of addRepositories and deleteRepositories */
            ITEMS,
            /** "must be at most 500, not 501": the documents of an apply */
            COUNT;

            String tooMany(int max, int size) {
                return this == ITEMS ? "must have at most " + max + " items, not " + size
                        : "must be at most " + max + ", not " + size;
            }
        }

        private final Set<String> names = new HashSet<>();

        private Batch() {
        }

        /** Null for the first item of the batch to name namespace/name; the refusal of any later one. */
        public GatewayException claim(String namespace, String name) {
            return names.add(namespace + "/" + name) ? null : new DuplicateInBatchException(namespace, name);
        }
    }

    /** Whether the caller may add one item of a batch (its namespace and its registry source): the refusal, or null. */
    @FunctionalInterface
    public interface AddCheck {
        GatewayException refusal(AddRepositoryCommand command);
    }

    /** Whether the caller may act on one item of a batch: the refusal, or null. */
    @FunctionalInterface
    public interface ItemCheck {
        GatewayException refusal(String namespace, String name);
    }

    private RepositoryId idOf(String namespace, String name) {
        return names.find(namespace, name).orElseThrow(() -> new RepositoryNotFoundException(namespace, name));
    }

    private RepositoryView shown(String namespace, String name) {
        return repositories.find(namespace, name).orElseThrow(CatalogueLaggingException::new);
    }

    /**
     * The repository as the catalogue shows it once it holds the given version of it: read once, and only when that
     * read is behind (its events not applied yet: the catalogue's processor, not the command's commit, writes it)
     * awaited and read again. Mostly the command's own transaction wrote the row (the catalogue at commit), so one
     * read answers.
     */
    private RepositoryView shownAt(String namespace, String name, String id, long version) {
        Optional<RepositoryView> now = repositories.find(namespace, name);
        if (now.isPresent() && now.get().id().equals(id) && now.get().version() >= version) {
            return now.get();
        }
        awaitVersions(Map.of(id, version));
        return shown(namespace, name);
    }

    private void awaitVersions(Map<String, Long> versions) {
        if (!progress.awaitVersions(ReadModelProgress.ReadModel.REPOSITORIES, versions, properties.readYourWrites())) {
            throw new CatalogueLaggingException();
        }
    }

    private void awaitGone(List<String> ids) {
        if (!progress.awaitGone(ReadModelProgress.ReadModel.REPOSITORIES, ids, properties.readYourWrites())) {
            throw new CatalogueLaggingException();
        }
    }

    /**
     * Sends a command about the repository namespace/name and waits for it; a failure comes back as the
     * GatewayException that explains it. Returns what the command handler returned.
     */
    private <R> R send(Object command, String namespace, String name) {
        try {
            return commands.sendAndWait(command);
        } catch (RuntimeException e) {
            throw CommandFailures.explain(e, () -> new RepositoryNotFoundException(namespace, name),
                                          command instanceof AddRepositoryCommand
                                                  ? () -> new RepositoryAlreadyExistsException(namespace, name) : null);
        }
    }

    private static GatewayException attempt(Runnable action) {
        try {
            action.run();
            return null;
        } catch (GatewayException e) {
            return e;
        } catch (RuntimeException e) {
            return CommandFailures.explain(e);
        }
    }

    /** Queues a share of a batch, added together ({@link CommandBatches}); began turns true when a worker takes it. */
    private Future<GatewayException[]> queue(List<AddRepositoryCommand> share, AtomicBoolean began) {
        try {
            return workers.submit(() -> {
                began.set(true);
                return batches.together(share.size(), i -> attempt(
                        () -> send(share.get(i), share.get(i).namespace(), share.get(i).name())));
            }, share.size());
        } catch (BatchWorkersBusyException busy) {
            GatewayException[] refused = new GatewayException[share.size()];
            Arrays.fill(refused, busy);
            return CompletableFuture.completedFuture(refused);
        }
    }

    /**
     * The refusals of a share's items (null for each added); a share not done by the request's deadline is cancelled
     * unless it started.
     */
    private GatewayException[] outcome(Future<GatewayException[]> attempt, AtomicBoolean began, Instant deadline,
                                       int size) {
        GatewayException failure;
        try {
            return attempt.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            attempt.cancel(false);
            failure = began.get() ? BatchTimeoutException.unfinished(workers.timeout())
                    : BatchTimeoutException.notStarted(workers.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new UnexpectedFailureException();
        } catch (ExecutionException e) {
            failure = CommandFailures.explain(e.getCause());
        }
        GatewayException[] all = new GatewayException[size];
        Arrays.fill(all, failure);
        return all;
    }
}
