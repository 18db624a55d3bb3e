package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.app.live.LiveUpdates;
import io.theriseunion.imagegateway.app.live.SyncStatusChange;
import io.theriseunion.imagegateway.domain.api.GoDuration;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.TriggerSyncCommand;
import io.theriseunion.imagegateway.domain.repository.SyncSchedule;
import io.theriseunion.imagegateway.domain.sync.RegistryPort;
import io.theriseunion.imagegateway.domain.sync.SyncAttempt;
import io.theriseunion.imagegateway.domain.sync.SyncOutcome;
import io.theriseunion.imagegateway.domain.sync.SyncStep;
import io.theriseunion.imagegateway.domain.sync.SyncWorkers;
import io.theriseunion.imagegateway.projections.sync.DueCheck;
import io.theriseunion.imagegateway.projections.sync.SyncCheckRecords;
import io.theriseunion.imagegateway.projections.sync.SyncRunStatus;
import io.theriseunion.imagegateway.projections.sync.SyncRunView;
import io.theriseunion.imagegateway.projections.sync.UnchangedCheck;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

/**
 * The scheduled checks (issue 14): every repository's interval sync, done as cheaply as a check that finds nothing
 * new can be. Due checks are fetched from {@code sync_check} a batch at a time ({@link SyncCheckRecords#claimDue}),
 * run on the sync workers (within the global and per-source limits: one manifest HEAD against the known digest),
 * and the unchanged ones recorded in groups, each group in one transaction, in place: no command, no event, no audit
 * entry. Subscribers of this node see SYNCING and SUCCESS all the same. An unchanged check waits at most
 * {@code gateway.sync.check-record-within} for others to share its transaction, not for the slowest check of its
 * batch: the busier the node, the larger the groups; a quiet node tells each check's SUCCESS within that time.
 * Whatever changes state is a full run, requested as before with {@link TriggerSyncCommand} ({@code SCHEDULED}, by
 * {@code system:scheduler}), so it is events and audit entries: a moved digest, a failure (or a retry the check
 * would need), the first run after a failure (the recovery), a repository never synced.
 * <p>
 * Every node runs its own tick ({@link #runDue}, every {@code gateway.sync.check-poll}) and claims small batches of
 * due rows ({@code gateway.sync.check-batch}); on PostgreSQL concurrent claims skip each other's rows, so the nodes
 * share a cycle's checks by what each has room to run, and no check is run by two. A look claims the checks due
 * within the next two polls too ({@code lead}, at most a quarter of the claim), and each check starts when it is
 * due: checks start as their repositories fall due, not all those of a poll at once (at 100 ms, 3,600 repositories
 * on a 1 minute interval made bursts of a dozen checks ten times a second, and a burst of live status events for
 * their subscribers). A node that
 * stops hands back the checks it claimed but has not started (their rows are due again at once); a check lost with
 * a node that died is due again once its claim ends ({@code gateway.sync.check-claim}), so nothing stays stuck.
 */
public class ScheduledChecks {

    private static final Logger log = LoggerFactory.getLogger(ScheduledChecks.class);

    private final SyncCheckRecords records;
    private final RegistryPort registries;
    private final SyncWorkers workers;
    private final CommandGateway commands;
    private final LiveUpdates live;
    private final Clock clock;
    private final int batchSize;
    private final Duration claim;
    /** how long an unchanged check waits for others to be recorded with it */
    private final long recordWithinNanos;
    /** how far ahead of their due time checks are claimed (each still starts when it is due) */
    private final Duration lead;
    /** starts the checks claimed ahead when they are due: one daemon thread, which only hands them to the workers */
    private final ScheduledThreadPoolExecutor dueTimer;
    /** the repositories whose check this node is running (a claim that ended early is not checked twice) */
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    /** the thread running {@link #runDue}, woken by each check that ends */
    private volatile Thread ticker;

    public ScheduledChecks(SyncCheckRecords records, RegistryPort registries, SyncWorkers workers,
                           CommandGateway commands, LiveUpdates live, Clock clock, int batchSize, Duration claim,
                           Duration recordWithin, Duration lead) {
        this.records = records;
        this.registries = registries;
        this.workers = workers;
        this.commands = commands;
        this.live = live;
        this.clock = clock;
        this.batchSize = batchSize;
        this.claim = claim;
        this.recordWithinNanos = recordWithin.toNanos();
        this.lead = lead;
        this.dueTimer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "scheduled-checks-due");
            thread.setDaemon(true);
            return thread;
        });
        dueTimer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs every check due now or within {@code lead}, a batch at a time, each when it is due; returns how many were
     * claimed. A new batch is claimed as soon as the workers have room for it (fewer than one batch of this node's
     * checks still to run), not only once the batch before is done: so one slow check does not hold the next batch
     * back and the workers never wait for the database. While batches are open, it looks again every half
     * {@code lead}, so that the checks falling due meanwhile are claimed before they are due. A batch's unchanged
     * checks are recorded as they come, a group at a time (at most {@code recordWithin} after the first of the group
     * ended), and the batch is closed once all its checks are done; at most two batches are on the workers.
     */
    public int runDue() {
        int total = 0;
        Deque<Batch> open = new ArrayDeque<>();
        boolean more = true;
        long lookedAt = System.nanoTime();
        long lookEvery = Math.max(1, lead.toNanos() / 2);
        ticker = Thread.currentThread();
        try {
            while (more || !open.isEmpty()) {
                if (more && stillToRun(open) <= batchSize) {
                    Instant now = clock.instant();
                    List<DueCheck> due = stopping ? List.of()
                            : records.claimDue(now, now.plus(lead), batchSize, now.plus(claim));
                    lookedAt = System.nanoTime();
                    if (due.isEmpty()) {
                        more = false;
                    } else {
                        total += due.size();
                        open.add(start(due, System.nanoTime()));
                    }
                    continue;
                }
                Batch head = open.peek();
                if (head == null) {
                    break;
                }
                long sinceLook = System.nanoTime() - lookedAt;
                if (head.done.getCount() == 0 || System.nanoTime() - head.startedNanos > claim.toNanos()) {
                    finish(open.poll(), true); // done, or out of time
                } else if (!more && !stopping && sinceLook >= lookEvery) {
                    more = true; // batches still open: claim what falls due meanwhile before it is due
                } else {
                    long nextRecord = recordDue(open);
                    // until a check ends (unpark), the next group is due, the next look, or a while
                    long nextLook = more ? Long.MAX_VALUE : lookEvery - sinceLook;
                    LockSupport.parkNanos(this, Math.min(Math.min(nextRecord, nextLook),
                                                         TimeUnit.MILLISECONDS.toNanos(50)));
                    if (Thread.interrupted()) {
                        // the interrupt is given back only after the writes: an interrupted thread that writes to the
                        // embedded H2 closes its file channel, and the database with it
                        stopping = true;
                        open.forEach(b -> finish(b, false));
                        open.clear();
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        } catch (RuntimeException storeDown) {
            // the batches in hand are not recorded: their claims end and they are due again, here too
            open.forEach(b -> b.checks.forEach(c -> inHand.remove(c.repositoryId())));
            throw storeDown;
        } finally {
            ticker = null; // no unpark of a thread that has moved on to other work
        }
        return total;
    }

    /**
     * Records the unchanged checks of the open batches together once the first of them has waited
     * {@code recordWithin}; returns the time until that is due (a long while when none waits).
     */
    private long recordDue(Deque<Batch> open) {
        long waited = 0;
        long now = System.nanoTime();
        for (Batch b : open) {
            long since = b.firstWaiting.get();
            if (since != 0) {
                waited = Math.max(waited, now - since);
            }
        }
        if (waited == 0) {
            return Long.MAX_VALUE;
        }
        if (waited < recordWithinNanos) {
            return recordWithinNanos - waited;
        }
        record(open);
        return Long.MAX_VALUE;
    }

    /** Records the unchanged checks the batches hold now, in one transaction, and tells their SUCCESS. */
    private void record(Collection<Batch> batches) {
        List<UnchangedCheck> group = new ArrayList<>();
        for (Batch b : batches) {
            b.firstWaiting.set(0); // before the queue is read: a check added meanwhile starts the next group
            for (UnchangedCheck c; (c = b.unchanged.poll()) != null; ) {
                group.add(c);
            }
        }
        for (UnchangedCheck c : records.recordUnchanged(group)) {
            live.checkRecorded(change(c.check(), c.streakId(), SyncStatus.SUCCESS, SyncStatus.SYNCING, c.checkedAt()));
        }
    }

    private static long stillToRun(Deque<Batch> open) {
        long left = 0;
        for (Batch b : open) {
            left += b.done.getCount();
        }
        return left;
    }

    /**
     * The node stops: no more claims; the checks claimed but not started are handed back, those waiting for their
     * due time here, and those on the workers by the workers' drain.
     */
    public void stop() {
        stopping = true;
        for (Runnable waiting : dueTimer.getQueue().toArray(new Runnable[0])) {
            if (dueTimer.remove(waiting)) {
                waiting.run(); // stopping: hands the check back
            }
        }
    }

    /** A batch of checks on the workers: what they found so far, and how many are still running. */
    private record Batch(List<DueCheck> checks, Queue<UnchangedCheck> unchanged, AtomicLong firstWaiting,
                         Queue<DueCheck> toRun, Queue<DueCheck> handedBack, CountDownLatch done, long startedNanos) {

        /** An unchanged check, to be recorded with the group it starts or joins. */
        void unchanged(UnchangedCheck check) {
            unchanged.add(check);
            firstWaiting.compareAndSet(0, System.nanoTime());
        }
    }

    private Batch start(List<DueCheck> due, long startedNanos) {
        RegistryPort port = registries.forBatch();
        Queue<UnchangedCheck> unchanged = new ConcurrentLinkedQueue<>();
        Queue<DueCheck> toRun = new ConcurrentLinkedQueue<>();
        List<DueCheck> checks = new ArrayList<>(due.size());
        for (DueCheck c : due) {
            if (c.fullRun()) {
                requestRun(c);
            } else if (inHand.add(c.repositoryId())) {
                checks.add(c);
            }
        }
        Batch batch = new Batch(checks, unchanged, new AtomicLong(), toRun, new ConcurrentLinkedQueue<>(),
                                new CountDownLatch(checks.size()), startedNanos);
        for (DueCheck c : checks) {
            startWhenDue(new Check(c, port, batch));
        }
        return batch;
    }

    /** Hands the check to the workers when it is due: at once when it is due already, else from the due timer. */
    private void startWhenDue(Check check) {
        long wait = Duration.between(clock.instant(), check.due.dueAt()).toNanos();
        if (wait > 0 && !stopping) {
            dueTimer.schedule(() -> submit(check), wait, TimeUnit.NANOSECONDS); // never shut down: never refuses
        } else {
            submit(check);
        }
    }

    private void submit(Check check) {
        if (stopping) {
            check.handBack(); // the node stops before the check started: due again at once, for another node
        } else {
            workers.submit(check.due.registry(), check.port.concurrencyLimit(check.due.registry()), check);
        }
    }

    /**
     * Waits for the batch's checks (await: up to the end of its claim, else not at all), records the unchanged ones
     * not recorded yet and requests a run for the others.
     */
    private void finish(Batch batch, boolean await) {
        boolean stopping = false;
        try {
            long left = claim.toNanos() - (System.nanoTime() - batch.startedNanos);
            if (!batch.done.await(await ? Math.max(0, left) : 0, TimeUnit.NANOSECONDS) && await) {
                log.warn("{} scheduled check(s) still running after {}; they are due again", batch.done.getCount(),
                         claim);
            }
        } catch (InterruptedException interrupted) {
            // the interrupt is given back only after the writes below: an interrupted thread that writes to the
            // embedded H2 closes its file channel, and the database with it
            stopping = true;
        }
        try {
            if (!batch.handedBack.isEmpty()) {
                records.release(new ArrayList<>(batch.handedBack), clock.instant());
            }
            record(List.of(batch));
        } finally {
            batch.checks.forEach(c -> inHand.remove(c.repositoryId()));
        }
        batch.toRun.forEach(this::requestRun);
        if (stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** A full run, with its events and audit entries, as a deadline used to request it. */
    private void requestRun(DueCheck c) {
        String correlationId = UUID.randomUUID().toString();
        commands.send(asCommandMessage(new TriggerSyncCommand(RepositoryId.of(c.repositoryId()), SyncTrigger.SCHEDULED,
                                                              RequestOrigin.SCHEDULER))
                              .andMetaData(RequestOrigin.system(RequestOrigin.SCHEDULER, correlationId).asMetaData()))
                .exceptionally(failure -> {
                    // deleted meanwhile, or the store is down: the claim ends and the check is due again
                    log.debug("Scheduled sync of {}/{} not requested: {}", c.target().namespace(), c.target().name(),
                              failure.getMessage());
                    return null;
                });
    }

    private static SyncStatusChange change(DueCheck c, String streakId, SyncStatus status, SyncStatus previous,
                                           Instant at) {
        boolean done = status == SyncStatus.SUCCESS;
        SyncRunView run = new SyncRunView(streakId, c.repositoryId(), SyncTrigger.SCHEDULED,
                                          done ? SyncRunStatus.SUCCESS : SyncRunStatus.RUNNING, RequestOrigin.SCHEDULER,
                                          at, at, done ? at : null, 1, done ? Boolean.FALSE : null,
                                          done ? c.target().knownDigest() : null, null, null, null);
        return new SyncStatusChange(c.repositoryId(), c.target().namespace(), c.target().name(), status, previous, at,
                                    run);
    }

    /** One check on a worker: one try, no retry (a check that would need one is a full run). */
    private final class Check implements SyncWorkers.Task {

        private final DueCheck due;
        private final RegistryPort port;
        private final Batch batch;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final String streakId;
        private volatile Instant deadline;

        private Check(DueCheck due, RegistryPort port, Batch batch) {
            this.due = due;
            this.port = port;
            this.batch = batch;
            this.streakId = due.streakId() != null ? due.streakId() : UUID.randomUUID().toString();
        }

        @Override
        public void run() {
            Instant started = clock.instant();
            live.checkStarted(change(due, streakId, SyncStatus.SYNCING, SyncStatus.SUCCESS, started));
            SyncStep step;
            try {
                step = port.attempt(new SyncAttempt(due.target(), 0, started, deadline()));
            } catch (RuntimeException unexpected) {
                log.warn("Scheduled check of {}/{} failed unexpectedly; a full run follows", due.target().namespace(),
                         due.target().name(), unexpected);
                step = null;
            }
            SyncOutcome outcome = step instanceof SyncStep.Finished f ? f.outcome() : null;
            if (outcome != null && outcome.error() == null && due.target().knownDigest().equals(outcome.digest())) {
                Instant at = clock.instant();
                finish(() -> batch.unchanged(new UnchangedCheck(due, streakId, at, SyncSchedule.nextAfter(
                        RepositoryId.of(due.repositoryId()), due.syncInterval(), at))));
            } else {
                finish(() -> batch.toRun.add(due));
            }
        }

        @Override
        public Instant deadline() {
            if (deadline == null) {
                deadline = clock.instant().plus(GoDuration.parse(due.target().syncTimeout()));
            }
            return deadline;
        }

        @Override
        public void overtime() {
            finish(() -> batch.toRun.add(due));
        }

        /** The node stops before the check started: its row is due again at once, for another node. */
        @Override
        public void handBack() {
            finish(() -> batch.handedBack.add(due));
        }

        private void finish(Runnable outcome) {
            if (finished.compareAndSet(false, true)) {
                outcome.run();
                batch.done.countDown();
                Thread t = ticker;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
        }
    }
}
