package io.theriseunion.imagegateway.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Read-your-writes for mutations: waits until a read model shows given rows at (at least) given versions,
 * or no longer shows them. The projection wakes waiters when it commits on this node; a short poll
 * covers a projection running on another node that shares the database.
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

    private static final long POLL_MILLIS = 25;
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final Object monitor = new Object();
    private long generation;

    public ReadModelProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits until each row id is shown with at least its version; false on timeout. */
    public boolean awaitVersions(ReadModel model, Map<String, Long> minimumVersions, Duration timeout) {
        return await(model, minimumVersions.keySet(),
                     shown -> minimumVersions.entrySet().stream()
                                             .allMatch(w -> shown.getOrDefault(w.getKey(), 0L) >= w.getValue()),
                     timeout);
    }

    /** Waits until every row id is shown; false on timeout. */
    public boolean awaitPresent(ReadModel model, Collection<String> ids, Duration timeout) {
        return await(model, ids, shown -> shown.keySet().containsAll(ids), timeout);
    }

    /** Waits until none of the row ids is shown any more; false on timeout. */
    public boolean awaitGone(ReadModel model, Collection<String> ids, Duration timeout) {
        return await(model, ids, Map::isEmpty, timeout);
    }

    public void signalAfterCommit() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> signal());
        } else {
            signal();
        }
    }

    void signal() {
        synchronized (monitor) {
            generation++;
            monitor.notifyAll();
        }
    }

    private boolean await(ReadModel model, Collection<String> ids, Predicate<Map<String, Long>> done, Duration timeout) {
        if (ids.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (monitor) {
                seen = generation;
            }
            if (done.test(shownVersions(model, ids))) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (monitor) {
                if (generation == seen) {
                    try {
                        monitor.wait(Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
        }
    }

    private Map<String, Long> shownVersions(ReadModel model, Collection<String> ids) {
        Map<String, Long> shown = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("select " + model.idColumn + ", " + model.versionColumn + " from " + model.table + " where " + model.idColumn
                               + " in (" + marks + ")",
                       rs -> {
                           shown.put(rs.getString(1), rs.getLong(2));
                       }, chunk.toArray());
        }
        return shown;
    }
}
