package io.theriseunion.imagegateway.projections.sync;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scheduled checks read and write, in batches: the due rows of {@code sync_check} ({@link #claimDue}), and
 * the unchanged checks ({@link #recordUnchanged}), each updated in place: the row's checked_at and next check, the
 * repository's lastSynced and nextSyncAt in the narrow {@code repository_sync_time} (not the wide catalogue row), and one {@code sync_run} row per series of
 * unchanged checks (its count and its last time). Nothing is appended per check: storage grows with changes, which
 * stay events.
 */
@Component
public class SyncCheckRecords {

    private static final String COLUMNS = "repository_id, namespace, name, registry_namespace, registry_name,"
            + " repository, tag, sync_interval, sync_timeout, retry_count, digest, failed, next_check_at, streak_id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** PostgreSQL: concurrent claims (nodes sharing the database) skip each other's rows instead of colliding. */
    private volatile String lockClause;

    public SyncCheckRecords(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * Up to {@code limit} checks due at {@code now}, soonest first, each claimed until {@code claimedUntil}: its row
     * is not due again before then, so a check lost with its node (a crash) is simply due again, and nothing stays
     * stuck. One query and one batched update for the whole batch. Nodes claiming at once get different rows: on
     * PostgreSQL the query skips rows another claim has locked ({@code for update skip locked}); elsewhere (the
     * embedded store, one node) a row claimed meanwhile is left out by the update. The claim is written to
     * {@code claimed_until}, a column no index covers, so that on PostgreSQL it is a HOT update (no index entry, its
     * old version pruned from the page without a vacuum); the indexed {@code next_check_at} moves once per check, when
     * the check is recorded.
     */
    public List<DueCheck> claimDue(Instant now, int limit, Instant claimedUntil) {
        return claimDue(now, now, limit, claimedUntil);
    }

    /**
     * As {@link #claimDue(Instant, int, Instant)}, also claiming the checks due up to {@code horizon} (not before
     * {@code now}): the caller starts each at its {@link DueCheck#dueAt}, so that checks start when they are due
     * rather than together at the next look.
     */
    public List<DueCheck> claimDue(Instant now, Instant horizon, int limit, Instant claimedUntil) {
        OffsetDateTime until = utc(claimedUntil);
        OffsetDateTime at = utc(now);
        String lock = lockClause();
        return transactions.execute(status -> {
            List<Object[]> due = new ArrayList<>();
            List<DueCheck> checks = jdbc.query("select " + COLUMNS + " from sync_check where next_check_at <= ?"
                                                       + " and (claimed_until is null or claimed_until <= ?)"
                                                       + " order by next_check_at limit ?" + lock,
                                               dueRow(until, at, due), utc(horizon.isBefore(now) ? now : horizon), at,
                                               limit);
            int[] claimed = jdbc.batchUpdate("update sync_check set claimed_until = ? where repository_id = ?"
                                                     + " and next_check_at = ?"
                                                     + " and (claimed_until is null or claimed_until <= ?)", due);
            List<DueCheck> mine = new ArrayList<>(checks.size());
            for (int i = 0; i < checks.size(); i++) {
                if (claimed[i] != 0) {
                    mine.add(checks.get(i));
                }
            }
            return mine;
        });
    }

    /**
     * Gives claimed checks back (their node stops before running them): each row is due again at {@code dueAt},
     * unless it moved on meanwhile. Returns how many were given back.
     */
    public int release(List<DueCheck> checks, Instant dueAt) {
        if (checks.isEmpty()) {
            return 0;
        }
        int[] released = jdbc.batchUpdate("update sync_check set claimed_until = ? where repository_id = ?"
                                                  + " and claimed_until = ?",
                                          checks.stream().map(c -> new Object[]{utc(dueAt), c.repositoryId(),
                                                                                utc(c.claimedUntil())}).toList());
        int n = 0;
        for (int r : released) {
            n += r == 0 ? 0 : 1;
        }
        return n;
    }

    private String lockClause() {
        String clause = lockClause;
        if (clause == null) {
            String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
            clause = "PostgreSQL".equalsIgnoreCase(product) ? " for update skip locked" : "";
            lockClause = clause;
        }
        return clause;
    }

    private static RowMapper<DueCheck> dueRow(OffsetDateTime until, OffsetDateTime now, List<Object[]> claims) {
        return (rs, i) -> {
            String id = rs.getString("repository_id");
            OffsetDateTime dueAt = rs.getObject("next_check_at", OffsetDateTime.class);
            claims.add(new Object[]{until, id, dueAt, now});
            String digest = rs.getString("digest");
            SyncTarget target = new SyncTarget(rs.getString("namespace"), rs.getString("name"),
                                               new RegistryRef(rs.getString("registry_namespace"),
                                                               rs.getString("registry_name")),
                                               rs.getString("repository"), rs.getString("tag"),
                                               rs.getString("sync_timeout"), rs.getInt("retry_count"), digest, false);
            return new DueCheck(id, target, rs.getString("sync_interval"), digest == null || rs.getBoolean("failed"),
                                until.toInstant(), rs.getString("streak_id"), dueAt.toInstant());
        };
    }

    /**
     * Records unchanged checks in one transaction; a check whose row moved on meanwhile (a run was requested, the
     * repository was edited or deleted) is left out. Returns the checks recorded.
     */
    public List<UnchangedCheck> recordUnchanged(List<UnchangedCheck> checks) {
        if (checks.isEmpty()) {
            return List.of();
        }
        return transactions.execute(status -> {
            int[] moved = jdbc.batchUpdate("update sync_check set checked_at = ?, next_check_at = ?, streak_id = ?,"
                                                   + " claimed_until = null where repository_id = ? and claimed_until = ?",
                                           checks.stream().map(c -> new Object[]{
                                                   utc(c.checkedAt()), utc(c.nextCheckAt()), c.streakId(),
                                                   c.check().repositoryId(), utc(c.check().claimedUntil())}).toList());
            List<UnchangedCheck> recorded = new ArrayList<>(checks.size());
            for (int i = 0; i < checks.size(); i++) {
                if (moved[i] != 0) {
                    recorded.add(checks.get(i));
                }
            }
            jdbc.batchUpdate("update repository_sync_time set last_synced = ?, next_sync_at = ? where repository_id = ?",
                             recorded.stream().map(c -> new Object[]{utc(c.checkedAt()), utc(c.nextCheckAt()),
                                                                       c.check().repositoryId()}).toList());
            List<UnchangedCheck> continued = recorded.stream().filter(c -> c.streakId().equals(c.check().streakId()))
                                                     .toList();
            int[] counted = jdbc.batchUpdate("update sync_run set finished_at = ?, unchanged_checks = unchanged_checks + 1"
                                                     + " where run_id = ?",
                                             continued.stream().map(c -> new Object[]{utc(c.checkedAt()), c.streakId()})
                                                      .toList());
            List<UnchangedCheck> started = new ArrayList<>(recorded.stream()
                    .filter(c -> !c.streakId().equals(c.check().streakId())).toList());
            for (int i = 0; i < continued.size(); i++) {
                if (counted[i] == 0) {
                    started.add(continued.get(i)); // its row went with a rebuild of the history: a new one
                }
            }
            jdbc.batchUpdate("insert into sync_run (run_id, repository_id, trigger_kind, status, requested_by,"
                                     + " requested_at, started_at, finished_at, attempts, changed, digest,"
                                     + " unchanged_checks) values (?, ?, 'SCHEDULED', 'SUCCESS', ?, ?, ?, ?, 1, false, ?, 1)",
                             started.stream().map(c -> new Object[]{
                                     c.streakId(), c.check().repositoryId(), RequestOrigin.SCHEDULER,
                                     utc(c.checkedAt()), utc(c.checkedAt()), utc(c.checkedAt()),
                                     c.check().target().knownDigest()}).toList());
            return recorded;
        });
    }

    /** A time as the columns keep it (microseconds), so that a claim read back compares equal. */
    public static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(stored(at), ZoneOffset.UTC);
    }
}
