package io.theriseunion.imagegateway.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * Read-your-writes for mutations: waits until a read model shows given rows at (at least) given versions,
 * or no longer shows them.
 * <p>
 * Waiters are woken by the projections, not by polling: after its unit of work commits, a projection names
 * the rows it changed ({@link #signalAfterCommit(ReadModel, String)}), and only the waiters of those rows look
 * at them again, each reading just those rows. A waiter reads its rows once when it starts, once per commit
 * that touches one of them, and otherwise only every {@code fallbackPoll} (default 250 ms): that slow poll is
 * what completes a wait on a node whose projections do not run there (several nodes sharing PostgreSQL, where
 * each tracking processor runs on one node), and it costs one query per waiter per interval, not per 25 ms.
 * <p>
 * A projection that gathers events into fewer commits asks {@link #holdUnlessAwaited} how long it may hold a batch
 * back: not while anyone on this node waits for a read model.
 */
@Component
public class ReadModelProgress {

    /** The read models with a version per row. */
    public enum ReadModel {
        REPOSITORIES("repository_view", "repository_id", "version"),
        REGISTRIES("registry_view", "registry_id", "version"),
        /** repositories by the sequence number of the last event applied, syncs included */
        REPOSITORY_EVENTS("repository_view", "repository_id", "event_seq"),
        /** sync history rows have no version: use {@link #awaitPresent} */
        SYNC_RUNS("sync_run", "run_id", "0");

        private final String table;
        private final String idColumn;
        private final String versionColumn;

        ReadModel(String table, String idColumn, String versionColumn) {
            this.table = table;
            this.idColumn = idColumn;
            this.versionColumn = versionColumn;
        }
    }

    /** The default of {@code gateway.read-model.fallback-poll}. */
    public static final Duration DEFAULT_FALLBACK_POLL = Duration.ofMillis(250);

    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final Duration fallbackPoll;
    /** waiters by the row they wait for ("table/id") */
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    /** waiters of any row, told when a projection changed rows it did not name */
    private final Set<Waiter> all = ConcurrentHashMap.newKeySet();
    /** notified when a waiter arrives: a held-back batch of a projection goes at once */
    private final Object arrivals = new Object();

    public ReadModelProgress(JdbcTemplate jdbc) {
        this(jdbc, DEFAULT_FALLBACK_POLL);
    }

    @Autowired
    public ReadModelProgress(JdbcTemplate jdbc,
                             @Value("${gateway.read-model.fallback-poll:250ms}") Duration fallbackPoll) {
        this.jdbc = jdbc;
        this.fallbackPoll = fallbackPoll;
    }

    /** Waits until each row id is shown with at least its version; false on timeout. */
    public boolean awaitVersions(ReadModel model, Map<String, Long> minimumVersions, Duration timeout) {
        Map<String, LongPredicate> wanted = new HashMap<>();
        minimumVersions.forEach((id, minimum) -> wanted.put(id, shown -> shown >= minimum));
        return await(model, wanted, timeout, false);
    }

    /** Waits until every row id is shown; false on timeout. */
    public boolean awaitPresent(ReadModel model, Collection<String> ids, Duration timeout) {
        Map<String, LongPredicate> wanted = new HashMap<>();
        ids.forEach(id -> wanted.put(id, shown -> true));
        return await(model, wanted, timeout, false);
    }

    /** Waits until none of the row ids is shown any more; false on timeout. */
    public boolean awaitGone(ReadModel model, Collection<String> ids, Duration timeout) {
        Map<String, LongPredicate> wanted = new HashMap<>();
        ids.forEach(id -> wanted.put(id, shown -> false));
        return await(model, wanted, timeout, true);
    }

    /**
     * Called by a projection that changed (inserted, updated or deleted) a row of the model: once its unit of
     * work commits, the waiters of that row look again (at once when there is no unit of work).
     */
    public void signalAfterCommit(ReadModel model, String id) {
        afterCommit(() -> signal(model, id));
    }

    /** Called by a projection that changed rows without naming them: every waiter looks again. */
    public void signalAfterCommit() {
        afterCommit(this::signalAll);
    }

    private static void afterCommit(Runnable signal) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> signal.run());
        } else {
            signal.run();
        }
    }

    /**
     * Waits up to {@code most}, or less: returns as soon as a mutation or a live update on this node waits for a
     * read model (at once if one already does). A projection holding its next batch back to gather more events
     * into one commit calls this, so that nobody waits for the gathering.
     */
    public void holdUnlessAwaited(Duration most) throws InterruptedException {
        long until = System.nanoTime() + most.toNanos();
        synchronized (arrivals) {
            while (all.isEmpty()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(arrivals, left);
            }
        }
    }

    void signal(ReadModel model, String id) {
        Set<Waiter> interested = waiters.get(key(model.table, id));
        if (interested != null) {
            interested.forEach(w -> w.touched(id));
        }
    }

    void signalAll() {
        all.forEach(Waiter::touchedAll);
    }

    private boolean await(ReadModel model, Map<String, LongPredicate> wanted, Duration timeout, boolean absentWanted) {
        if (wanted.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Waiter waiter = new Waiter();
        Set<String> pending = new LinkedHashSet<>(wanted.keySet());
        register(model, pending, waiter);
        try {
            Set<String> look = pending;
            while (true) {
                Map<String, Long> shown = shownVersions(model, look);
                for (String id : look.toArray(String[]::new)) {
                    Long version = shown.get(id);
                    boolean done = version == null ? absentWanted : !absentWanted && wanted.get(id).test(version);
                    if (done) {
                        pending.remove(id);
                    }
                }
                if (pending.isEmpty()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Set<String> touched = waiter.awaitTouch(Math.min(left, fallbackPoll.toNanos()));
                if (touched == null) {
                    return false; // interrupted
                }
                // woken for some rows: look at those; after the slow poll or a signal naming none: at all
                look = touched == Waiter.EVERY_ROW ? new LinkedHashSet<>(pending) : retain(touched, pending);
            }
        } finally {
            unregister(model, wanted.keySet(), waiter);
        }
    }

    private static Set<String> retain(Set<String> touched, Set<String> pending) {
        Set<String> look = new LinkedHashSet<>(touched);
        look.retainAll(pending);
        return look;
    }

    private void register(ReadModel model, Collection<String> ids, Waiter waiter) {
        for (String id : ids) {
            waiters.computeIfAbsent(key(model.table, id), k -> ConcurrentHashMap.newKeySet()).add(waiter);
        }
        all.add(waiter);
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    private void unregister(ReadModel model, Collection<String> ids, Waiter waiter) {
        all.remove(waiter);
        for (String id : ids) {
            waiters.computeIfPresent(key(model.table, id), (k, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private static String key(String table, String id) {
        return table + "/" + id;
    }

    private Map<String, Long> shownVersions(ReadModel model, Collection<String> ids) {
        Map<String, Long> shown = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            jdbc.query("select " + model.idColumn + ", " + model.versionColumn + " from " + model.table + " where "
                               + model.idColumn + " in (" + marks + ")",
                       rs -> {
                           shown.put(rs.getString(1), rs.getLong(2));
                       }, chunk.toArray());
        }
        return shown;
    }

    /** One waiting thread: the rows changed since it last looked. */
    private static final class Waiter {

        /** what {@link #awaitTouch} answers when every pending row is to be read again */
        static final Set<String> EVERY_ROW = Collections.unmodifiableSet(new LinkedHashSet<>());

        private final Set<String> touched = new LinkedHashSet<>();
        private boolean everything;

        synchronized void touched(String id) {
            touched.add(id);
            notifyAll();
        }

        synchronized void touchedAll() {
            everything = true;
            notifyAll();
        }

        /**
         * The rows touched since the last call, waiting up to the given time for one: {@link #EVERY_ROW} when the
         * time ran out or a signal named no rows; null if interrupted.
         */
        synchronized Set<String> awaitTouch(long nanos) {
            long until = System.nanoTime() + nanos;
            try {
                while (touched.isEmpty() && !everything) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        return EVERY_ROW;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (everything) {
                everything = false;
                touched.clear();
                return EVERY_ROW;
            }
            Set<String> seen = new LinkedHashSet<>(touched);
            touched.clear();
            return seen;
        }
    }
}
