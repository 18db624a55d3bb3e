package io.theriseunion.imagegateway.app.config;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.Chunk;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database file, written commit by commit as the gateway writes it ({@code WRITE_DELAY=0}), keeps
 * to the size of its data when the housekeeping runs, instead of growing with every commit.
 */
class EmbeddedStoreHousekeepingTests {

    private static final int ROWS = 2_000;
    private static final int COMMITS = 3_000;

    @TempDir
    Path dir;

    @Test
    void theFileStaysNearTheSizeOfItsDataInsteadOfGrowingWithEveryCommit() throws Exception {
        long without = sizeAfterWorkload("without", false);
        long with = sizeAfterWorkload("with", true);

        assertThat(with).as("file size with housekeeping (%,d bytes) against without (%,d bytes)", with, without)
                        .isLessThan(without / 4);
    }

    @Test
    void aMostlyFreeFileIsCompactedInEveryRoundAnAlmostFullOneRarely() {
        int rare = EmbeddedStoreHousekeeping.ROUNDS_BETWEEN_MOVES;
        assertThat(EmbeddedStoreHousekeeping.moveDue(30, 1)).as("30 %% in use, the round after a move").isTrue();
        assertThat(EmbeddedStoreHousekeeping.moveDue(49, 1)).as("49 %% in use, the round after a move").isTrue();
        assertThat(EmbeddedStoreHousekeeping.moveDue(50, 1)).as("half in use, the round after a move").isFalse();
        assertThat(EmbeddedStoreHousekeeping.moveDue(65, rare - 1)).as("65 %% in use, one round early").isFalse();
        assertThat(EmbeddedStoreHousekeeping.moveDue(65, rare)).as("65 %% in use, its round due").isTrue();
        assertThat(EmbeddedStoreHousekeeping.moveDue(70, rare * 10)).as("70 %% in use: nothing worth moving").isFalse();
    }

    @Test
    void aRoundRewritesAnEighthWhileHalfOfTheChunksIsLiveAndAllItMayBelow() {
        int limit = 8 * 1024 * 1024;
        assertThat(EmbeddedStoreHousekeeping.rewriteLimit(59, limit)).as("59 %% live").isEqualTo(limit / 8);
        assertThat(EmbeddedStoreHousekeeping.rewriteLimit(50, limit)).as("half live").isEqualTo(limit / 8);
        assertThat(EmbeddedStoreHousekeeping.rewriteLimit(49, limit)).as("49 %% live").isEqualTo(limit);
        assertThat(EmbeddedStoreHousekeeping.rewriteLimit(80, 4)).as("a tiny limit").isEqualTo(1);
    }

    @Test
    void aRoundWritesWhatItRewroteItselfLeavingNothingForTheNextCommit() throws Exception {
        JdbcDataSource file = fileDatabase("slices");
        EmbeddedStoreHousekeeping keeper = everyMillisecond(file, 8);
        try (Connection c = file.getConnection()) {
            workload(c, null);
            MVStore store = EmbeddedStoreHousekeeping.fileStore(c);
            assertThat(store).isNotNull();
            int before = store.getFileStore().getChunksFillRate();
            assertThat(before).as("share of the chunks' contents live before the round").isLessThan(50);

            keeper.keepHouse();

            assertThat(store.getFileStore().getChunksFillRate()).as("live share after the round, %d %% before", before)
                                                               .isGreaterThan(before);
            // H2 leaves rewritten pages for the next commit to write, under its store lock: a request's commit
            assertThat(store.hasUnsavedChanges()).as("pages rewritten but not yet written").isFalse();
        }
    }

    @Test
    void aChunkWithMoreLiveContentsThanASliceIsRewrittenToo() throws Exception {
        JdbcDataSource file = fileDatabase("large");
        EmbeddedStoreHousekeeping keeper = everyMillisecond(file, 8);
        try (Connection c = file.getConnection()) {
            MVStore store = EmbeddedStoreHousekeeping.fileStore(c);
            assertThat(store).isNotNull();
            insertRows(c, 600); // one commit of a batch: a chunk of about a megabyte and a half
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update item set payload = payload where id = 0");
            }
            c.commit(); // a chunk's place in the layout is written by the commit after it
            int batch = largestChunk(store);
            // four rows in five written again: a fifth of the batch's chunk stays live, more than a slice
            try (PreparedStatement update = c.prepareStatement("update item set payload = ? where id < ?")) {
                update.setString(1, "y".repeat(600));
                update.setInt(2, ROWS * 4 / 5);
                update.executeUpdate();
            }
            c.commit();
            assertThat(live(store, batch)).as("live bytes of the batch's chunk before the round")
                                          .isGreaterThan(EmbeddedStoreHousekeeping.REWRITE_SLICE);
            assertThat(store.getFileStore().getChunksFillRate()).as("share of the chunks' contents live")
                                                               .isLessThan(60);

            keeper.keepHouse();

            assertThat(live(store, batch)).as("live bytes of the batch's chunk after the round").isZero();
        }
    }

    /**
     * A keeper with an interval of a millisecond (dead chunks may go at once, and a test need not wait out the
     * gateway's second) that writes at most the given megabytes a round.
     */
    private static EmbeddedStoreHousekeeping everyMillisecond(JdbcDataSource file, int megabytes) {
        return new EmbeddedStoreHousekeeping(file, Duration.ofMillis(1), DataSize.ofMegabytes(megabytes));
    }

    /** An H2 file database in the test's directory, each commit written at once as the gateway's. */
    private JdbcDataSource fileDatabase(String name) {
        JdbcDataSource file = new JdbcDataSource();
        file.setURL("jdbc:h2:file:" + dir.resolve(name).resolve("gateway") + ";WRITE_DELAY=0");
        return file;
    }

    /** The table of ROWS rows, each with a payload of length characters, in one commit (one chunk of the file). */
    private static void insertRows(Connection c, int length) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("create table item (id int primary key, payload varchar(" + (length + 100) + "))");
        }
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("insert into item values (?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setInt(1, i);
                insert.setString(2, "x".repeat(length));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        c.commit();
    }

    /** The id of the largest chunk in the store's layout. */
    private static int largestChunk(MVStore store) {
        return store.getFileStore().getLayoutMap().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("chunk."))
                    .<Chunk<?>>map(e -> store.getFileStore().createChunk(e.getValue()))
                    .max(Comparator.comparingLong(chunk -> chunk.maxLen)).orElseThrow().id;
    }

    /** The live bytes of a chunk, 0 when it is gone from the layout. */
    private static long live(MVStore store, int chunk) {
        String meta = store.getFileStore().getLayoutMap().get("chunk." + Integer.toHexString(chunk));
        return meta == null ? 0 : store.getFileStore().createChunk(meta).maxLenLive;
    }

    @Test
    void anInMemoryDatabaseIsLeftAlone() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1");
        try (Connection c = memory.getConnection()) {
            assertThat(EmbeddedStoreHousekeeping.fileStore(c)).isNull();
            new EmbeddedStoreHousekeeping(memory, Duration.ofSeconds(1), DataSize.ofMegabytes(16)).keepHouse();
        }
    }

    /** The file's size after the workload, with a round of housekeeping every hundred commits or without any. */
    private long sizeAfterWorkload(String name, boolean housekeeping) throws Exception {
        JdbcDataSource file = fileDatabase(name);
        EmbeddedStoreHousekeeping keeper = everyMillisecond(file, 64);
        try (Connection c = file.getConnection()) {
            workload(c, housekeeping ? keeper : null);
            assertThat(EmbeddedStoreHousekeeping.fileStore(c)).isNotNull();
            return Files.size(dir.resolve(name).resolve("gateway.mv.db"));
        }
    }

    /**
     * The rows, then many small commits that each rewrite a few of them, as sync results and token updates do; a
     * round of the keeper (when given) every hundred commits.
     */
    private static void workload(Connection c, EmbeddedStoreHousekeeping keeper) throws Exception {
        insertRows(c, 300);
        try (PreparedStatement update = c.prepareStatement("update item set payload = ? where id = ?")) {
            for (int commit = 0; commit < COMMITS; commit++) {
                for (int row = 0; row < 10; row++) {
                    update.setString(1, commit + "-" + "y".repeat(300));
                    update.setInt(2, (commit * 37 + row * 211) % ROWS);
                    update.executeUpdate();
                }
                c.commit();
                if (keeper != null && commit % 100 == 99) {
                    keeper.keepHouse();
                }
            }
        }
    }
}
