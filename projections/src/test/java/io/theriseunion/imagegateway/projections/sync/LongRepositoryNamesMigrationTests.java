package io.theriseunion.imagegateway.projections.sync;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V42 on a store that a gateway before it kept: a repository whose name was too long for the schedule's copy had no
 * row there (its add failed in the sync-checks processor and was only logged), so it never had a scheduled check.
 * The migration writes the missing rows from the catalogue, and the checks then find them due.
 */
class LongRepositoryNamesMigrationTests {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant NEXT = T0.plusSeconds(3600);
    private static final String LONG = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(40);

    @Test
    void aRepositoryTheScheduleLeftOutIsDueAfterTheMigrationAndOneWithARunOpenIsNot() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway before = Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").target("41").load();
        before.migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        catalogued(jdbc, "id-synced", LONG, "SUCCESS", "sha256:a", NEXT);
        catalogued(jdbc, "id-running", LONG + "x", "SYNCING", "sha256:b", NEXT);
        assertThat(jdbc.queryForObject("select count(*) from sync_check", Integer.class)).isZero();

        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();

        SyncCheckRecords records = new SyncCheckRecords(jdbc, new DataSourceTransactionManager(ds));
        assertThat(records.claimDue(NEXT, 10, NEXT.plus(Duration.ofMinutes(10)))).singleElement().satisfies(due -> {
            assertThat(due.repositoryId()).isEqualTo("id-synced");
            assertThat(due.target().name()).isEqualTo(LONG);
            assertThat(due.target().knownDigest()).isEqualTo("sha256:a");
            assertThat(due.fullRun()).isFalse();
        });
        // the open run's result plans its next check, as the processor does once it applies that result (which is
        // after the catalogue's last event, the row's event_seq)
        assertThat(jdbc.queryForMap("select next_check_at, event_seq from sync_check where repository_id = 'id-running'"))
                .containsEntry("NEXT_CHECK_AT", null).containsEntry("EVENT_SEQ", 7L);
    }

    private static void catalogued(JdbcTemplate jdbc, String id, String name, String status, String digest,
                                   Instant next) {
        jdbc.update("insert into repository_view (repository_id, namespace, name, registry_namespace, registry_name,"
                            + " repository, tag, sync_interval, sync_timeout, retry_count, sync_status, created_at,"
                            + " updated_at, version, search_text, event_seq, digest) values (?, 'default', ?, 'default',"
                            + " 'harbor', 'library/nginx', 'latest', '1h', '10m', 3, ?, ?, ?, 1, ?, 7, ?)",
                    id, name, status, Timestamp.from(T0), Timestamp.from(T0), name, digest);
        jdbc.update("insert into repository_sync_time (repository_id, namespace, name, last_synced, next_sync_at)"
                            + " values (?, 'default', ?, ?, ?)", id, name, Timestamp.from(T0), Timestamp.from(next));
    }
}
