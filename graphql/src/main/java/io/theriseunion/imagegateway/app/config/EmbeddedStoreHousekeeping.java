package io.theriseunion.imagegateway.app.config;

import jakarta.annotation.PreDestroy;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gives the space of old versions in the embedded H2 file back, as H2's own background writer would, and keeps
 * the file flushed to disk.
 * <p>
 * The embedded default writes each commit to its file before acknowledging it ({@code WRITE_DELAY=0}). Each
 * commit then writes a chunk of its own (about 135 KB for a few changed rows, because every changed page and its
 * parents are written again), and H2 runs no background writer, which is what frees the chunks newer ones made
 * obsolete: without it the file only grows (2.3 GB after 8,000 bulk adds, 4.3 GB after 10,000 outage syncs,
 * where the data needs about 150 MB). This does that housekeeping every
 * {@code gateway.embedded-store.housekeeping-interval} (1 s):
 * <ol>
 *   <li>forces the file to disk (fsync), so every chunk older than one interval is on disk;</li>
 *   <li>lets H2 reuse the space of a dead chunk two intervals after it was written (its retention time; H2's
 *       default of 45 s assumes the operating system flushes within 45 s, and at a few hundred commits a second
 *       that is gigabytes of dead chunks). Reused space is written again before the file grows;</li>
 *   <li>rewrites chunks that are mostly dead, and when the file is mostly free space moves its chunks together
 *       and cuts the end off: in every round while less than half of the file is in use (a bulk of writes leaves
 *       that), otherwise at most once every {@value #ROUNDS_BETWEEN_MOVES} rounds. A move holds H2's store lock
 *       (commits wait) and reads each chunk it moves into a buffer of the chunk's size; a chunk of a megabyte or
 *       more (a round's rewrite writes such chunks) is an object G1 allocates apart, and with the live subscribers'
 *       sessions in the old generation each of those started a concurrent collection: under load one every 1–4 s,
 *       each with two pauses of 20–80 ms. While 3,600 scheduled checks ran, the file was 53–100 % in use (66 % at
 *       the median): with moves below 70 % in every round, two rounds in three moved chunks.</li>
 * </ol>
 * Each round writes at most {@code gateway.embedded-store.housekeeping-write} (8 MB): commits wait for H2's store
 * lock while a round moves chunks and share the disk with it, and with 64 MB rounds the scheduled checks' records
 * waited 0.5–1.8 s every few seconds under load, while 8 MB rounds keep the file as small (docs/benchmarks.md).
 * H2 rewrites only once less than 60 % of what the chunks hold is live, and then as much as the round may, all
 * under its store lock: in a steady flow of small commits most rounds rewrote nothing and one every few seconds
 * 8 MB, which on a busy machine held every commit back for 0.4–1.1 s (the scheduled checks' SUCCESS waited that
 * long for its record). So while at least half of it is live, a round rewrites at most an eighth of that (1 MB),
 * holding the lock an eighth as long; the whole amount below half, as after a bulk of writes, or when small rounds
 * do not keep up with what the commits leave dead. Either is rewritten in slices of 128 KB, each committed at once,
 * with a pause between two slices for the commits that waited ({@link #rewrite}).
 * Nothing is done on PostgreSQL, on an in-memory H2, or when H2's own background writer runs ({@code WRITE_DELAY}
 * above 0).
 */
@Component
@ConditionalOnClass(JdbcConnection.class)
public class EmbeddedStoreHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreHousekeeping.class);
    /** Chunks with less live data than this share are rewritten, so that their old copies can be freed. */
    private static final int REWRITE_BELOW_FILL_RATE = 60;
    /** The file is compacted (chunks moved together, the end cut off) when less than this share of it is in use. */
    private static final int MOVE_BELOW_FILL_RATE = 70;
    /** Below this share in use, the file is compacted in every round; from it up to MOVE_BELOW_FILL_RATE, rarely. */
    private static final int MOVE_EVERY_ROUND_BELOW_FILL_RATE = 50;
    /** Rounds from one compaction of the file to the next while at least half of it is in use. */
    static final int ROUNDS_BETWEEN_MOVES = 60;
    /** Below this share of live data in the chunks, a round rewrites as much as it may; from it, an eighth. */
    private static final int REWRITE_IN_FULL_BELOW_FILL_RATE = 50;
    /** What one slice of a rewrite tries first ({@link #rewrite}); its pages are written before the next. */
    static final int REWRITE_SLICE = 128 * 1024;
    /** The pause between two slices, in which the commits that waited for the store lock take it. */
    private static final long SLICE_PAUSE_NANOS = 1_000_000;

    private final DataSource dataSource;
    /** Held by a round and by an online backup: chunks moved while H2 copies the file would spoil the copy. */
    private final ReentrantLock rounds = new ReentrantLock();
    private final int retentionMillis;
    private final int writeLimit;
    private volatile boolean stopped;
    /** Rounds since the file was last compacted; only rounds touch it (one at a time, under {@link #rounds}). */
    private int roundsSinceMove = ROUNDS_BETWEEN_MOVES;

    public EmbeddedStoreHousekeeping(DataSource dataSource,
                                     @Value("${gateway.embedded-store.housekeeping-interval:1s}") Duration interval,
                                     @Value("${gateway.embedded-store.housekeeping-write:8MB}") DataSize writeLimit) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("gateway.embedded-store.housekeeping-interval must be positive, not "
                                                       + interval);
        }
        this.dataSource = dataSource;
        this.retentionMillis = (int) Math.min(Integer.MAX_VALUE, 2 * interval.toMillis());
        this.writeLimit = (int) Math.min(Integer.MAX_VALUE, Math.max(1, writeLimit.toBytes()));
    }

    @Scheduled(fixedDelayString = "${gateway.embedded-store.housekeeping-interval:1s}",
               initialDelayString = "${gateway.embedded-store.housekeeping-interval:1s}")
    public void keepHouse() {
        if (stopped || !rounds.tryLock()) {
            return; // stopping, or a backup copies the file: the next round does this
        }
        try {
            if (!stopped) {
                keepHouseNow();
            }
        } finally {
            rounds.unlock();
        }
    }

    /** The gateway stops: a round that runs ends before the database closes (this bean needs it), and none starts. */
    @PreDestroy
    void stop() {
        stopped = true;
        rounds.lock();
        rounds.unlock();
    }

    /**
     * Runs the work (an online backup) while no round runs: H2's BACKUP stops the reuse of free space while it copies
     * the file, but a round moves chunks within it, which the copy could read half moved.
     */
    public <T> T withoutRounds(Callable<T> work) throws Exception {
        rounds.lock();
        try {
            return work.call();
        } finally {
            rounds.unlock();
        }
    }

    private void keepHouseNow() {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = fileStore(connection);
            if (store == null || store.isClosed() || store.getAutoCommitDelay() > 0) {
                return; // not the embedded file store, or H2's own background writer does this
            }
            store.sync();
            if (store.getRetentionTime() != retentionMillis) {
                store.setRetentionTime(retentionMillis);
            }
            FileStore<?> file = store.getFileStore();
            rewrite(store, rewriteLimit(file.getChunksFillRate(), writeLimit));
            if (file instanceof RandomAccessStore randomAccess
                    && moveDue(randomAccess.getFillRate(), ++roundsSinceMove)) {
                roundsSinceMove = 0;
                randomAccess.compactMoveChunks(MOVE_BELOW_FILL_RATE, writeLimit, store);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Housekeeping of the embedded database file failed (it runs again): {}", e.getMessage());
        }
    }

    /**
     * Rewrites up to limit bytes of chunks in slices of {@link #REWRITE_SLICE}, each committed at once (by this thread,
     * or by a commit that waited for the store lock and takes it first) and followed by a pause for the commits that
     * waited. H2 reads the pages of the chunks it rewrites while it holds its store lock, and leaves them for the next
     * commit to write, still under the lock: a round's 1 MB in one go held commits back 10–294 ms (median 71) about
     * once a second, about 25 ms reading and 20 ms writing (docs/benchmarks.md, session 49). H2 rewrites a chunk whole
     * and picks only chunks whose live contents fit what it may write: when a slice rewrites nothing, the next tries
     * twice as much, up to what is left of the round's limit, so that a batch's chunk of megabytes is still rewritten,
     * whole, as before. A slice also rewrites nothing when H2 gives up waiting 10 ms for its store lock; the larger
     * slices that follow then hold the lock longer, at most the round's limit, as one compact of it did before.
     */
    private void rewrite(MVStore store, int limit) {
        int size = REWRITE_SLICE;
        for (int left = limit; left > 0 && !stopped; ) {
            int slice = Math.min(size, left);
            if (store.compact(REWRITE_BELOW_FILL_RATE, slice)) {
                store.commit();
                left -= slice;
                size = REWRITE_SLICE;
                LockSupport.parkNanos(SLICE_PAUSE_NANOS);
            } else if (slice < left && store.getFileStore().getChunksFillRate() < REWRITE_BELOW_FILL_RATE) {
                size = size > left / 2 ? left : size * 2;
            } else {
                return; // the chunks are full enough, or nothing (more) to rewrite within the round's limit
            }
        }
    }

    /**
     * Whether a round compacts the file, given the share of it in use by chunks (percent) and the rounds since it was
     * last compacted: in every round while less than half is in use, at most once every ROUNDS_BETWEEN_MOVES rounds
     * up to MOVE_BELOW_FILL_RATE, never above.
     */
    static boolean moveDue(int fillRate, int roundsSinceMove) {
        if (fillRate < MOVE_EVERY_ROUND_BELOW_FILL_RATE) {
            return true;
        }
        return fillRate < MOVE_BELOW_FILL_RATE && roundsSinceMove >= ROUNDS_BETWEEN_MOVES;
    }

    /**
     * How much a round may rewrite, given the share of live data in the chunks (percent): all of {@code writeLimit}
     * while less than half is live, an eighth of it otherwise (see the class comment).
     */
    static int rewriteLimit(int chunksFillRate, int writeLimit) {
        return chunksFillRate < REWRITE_IN_FULL_BELOW_FILL_RATE ? writeLimit : Math.max(1, writeLimit / 8);
    }

    /** The H2 store behind the connection, or null when it is not an H2 file database. */
    static MVStore fileStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null; // a client of an H2 server: the server keeps its own file
        }
        if (session.getDatabase().getStore() == null || !session.getDatabase().isPersistent()) {
            return null;
        }
        return session.getDatabase().getStore().getMvStore();
    }
}
