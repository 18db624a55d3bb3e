package io.theriseunion.imagegateway.app.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.PushedImage;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import reactor.core.Disposable;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled checks (issue 14) against a real registry: a check that finds the known digest stores no event and no
 * audit entry, yet moves lastSynced, shows in syncHistory as a series of unchanged checks and reaches subscribers as
 * SYNCING then SUCCESS; whatever changes state (a moved digest, a failure, the recovery after one, a manual sync) is
 * still a run with its events and audit entries. A check is made due by moving its row's next check to the past, as
 * an hour passing would. A database that refuses the claims for a while is one warning in the log, and the checks due
 * meanwhile run once it answers. Run on H2 and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"gateway.data-dir=target/test-data", "db-scheduler.polling-interval=1s",
                                  "gateway.sync.check-poll=1s"})
abstract class ScheduledCheckContract {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static LocalRegistry registry;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    HttpGraphQlTester graphQl;
    String ns;

    @BeforeAll
    static void startRegistry() {
        registry = LocalRegistry.anonymous();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void connect() {
        graphQl = GatewayClient.graphQl(port);
        ns = freshNamespace("chk");
        addRegistry("local", registry);
    }

    private void addRegistry(String name, LocalRegistry source) {
        addRegistry(name, source.url().toString());
    }

    private void addRegistry(String name, String url) {
        graphQl.documentName("addRegistry").fragmentName("registryFields")
               .variable("input", Map.of("namespace", ns, "name", name, "url", url, "insecure", true))
               .execute().path("addRegistry.name").entity(String.class).isEqualTo(name);
    }

    private String addRepository(String name, String source, String path, String tag) {
        Map<String, Object> input = new HashMap<>(Map.of("namespace", ns, "name", name, "registry", Map.of("name", source),
                                                         "repository", path, "tag", tag, "retryCount", 0));
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input).execute()
               .path("addRepository.version").entity(Integer.class).isEqualTo(1);
        return jdbc.queryForObject("select repository_id from repository_name where namespace = ? and name = ?",
                                   String.class, ns, name);
    }

    private GraphQlTester.Response status(String name) {
        return graphQl.documentName("syncStatus").variable("namespace", ns).variable("name", name).execute();
    }

    private GraphQlTester.Response awaitHistory(String name, String syncStatus, int entries, Integer unchangedChecks) {
        GraphQlTester.Response[] last = new GraphQlTester.Response[1];
        await().atMost(WAIT).untilAsserted(() -> {
            last[0] = status(name);
            // hasValue() before each entity(): a null read as an entity is an IllegalArgumentException, which
            // would end the wait at once instead of trying again (one CI run met the newest entry not yet a series)
            last[0].path("repository.syncStatus").hasValue().entity(String.class).isEqualTo(syncStatus)
                   .path("repository.syncHistory.totalCount").hasValue().entity(Integer.class).isEqualTo(entries);
            if (unchangedChecks == null) {
                last[0].path("repository.syncHistory.edges[0].node.unchangedChecks").valueIsNull();
            } else {
                last[0].path("repository.syncHistory.edges[0].node.unchangedChecks").hasValue().entity(Integer.class)
                       .isEqualTo(unchangedChecks);
                // the repository and its history are read by two statements: await the answer in which both
                // already show the same check (one CI run read the repository just before the check it counted)
                assertThat(instant(last[0], "repository.lastSynced"))
                        .isEqualTo(instant(last[0], "repository.syncHistory.edges[0].node.finishedAt"));
            }
        });
        return last[0];
    }

    /** Waits until the schedule knows the last run's result, then makes its next check due now. */
    private void makeDue(String repositoryId) {
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from sync_check where repository_id = ? and next_check_at is not null", Integer.class,
                repositoryId) == 1);
        jdbc.update("update sync_check set next_check_at = ? where repository_id = ?",
                    OffsetDateTime.now().minusSeconds(1), repositoryId);
    }

    private long events(String repositoryId) {
        return jdbc.queryForObject("select count(*) from DomainEventEntry where aggregateIdentifier = ?", Long.class,
                                   repositoryId);
    }

    private List<String> auditActions(String name) {
        return jdbc.queryForList("select action from audit_entry where namespace = ? and target_name = ?"
                                         + " and target_kind = 'REPOSITORY' order by position", String.class, ns, name);
    }

    private List<String> awaitAudit(String name, String action, int times) {
        await().atMost(WAIT).until(() -> auditActions(name).stream().filter(action::equals).count() == times);
        return auditActions(name);
    }

    private static Instant instant(GraphQlTester.Response response, String path) {
        return Instant.parse(response.path(path).hasValue().entity(String.class).get());
    }

    @Test
    void anUnchangedCheckMovesLastSyncedAndShowsInTheHistoryWithoutAnEventOrAnAuditEntry() {
        registry.images().pushDockerImage("quiet/app", "v1");
        String id = addRepository("quiet", "local", "quiet/app", "v1");
        Instant firstSync = instant(awaitHistory("quiet", "SUCCESS", 1, null), "repository.lastSynced");
        List<String> auditBefore = awaitAudit("quiet", "repository.sync.succeeded", 1);
        long eventsBefore = events(id);

        makeDue(id);
        GraphQlTester.Response checked = awaitHistory("quiet", "SUCCESS", 2, 1);
        checked.path("repository.syncHistory.edges[0].node.trigger").entity(String.class).isEqualTo("SCHEDULED")
               .path("repository.syncHistory.edges[0].node.status").entity(String.class).isEqualTo("SUCCESS")
               .path("repository.syncHistory.edges[0].node.requestedBy").entity(String.class).isEqualTo("system:scheduler")
               .path("repository.syncHistory.edges[0].node.changed").entity(Boolean.class).isEqualTo(false)
               .path("repository.syncHistory.edges[1].node.unchangedChecks").valueIsNull();
        Instant firstCheck = instant(checked, "repository.lastSynced");
        assertThat(firstCheck).isAfter(firstSync);
        assertThat(instant(checked, "repository.nextSyncAt")).isAfter(firstCheck.plus(Duration.ofMinutes(59)));

        // a second check counts in the same entry, which now ends at the second check
        makeDue(id);
        GraphQlTester.Response twice = awaitHistory("quiet", "SUCCESS", 2, 2);
        Instant secondCheck = instant(twice, "repository.lastSynced");
        assertThat(secondCheck).isAfter(firstCheck);
        assertThat(instant(twice, "repository.syncHistory.edges[0].node.requestedAt")).isEqualTo(firstCheck);
        assertThat(instant(twice, "repository.syncHistory.edges[0].node.finishedAt")).isEqualTo(secondCheck);
        assertThat(events(id)).isEqualTo(eventsBefore);

        // an operator's sync is a full run with its events and audit entries, after which the audit log of the
        // repository shows that run and nothing for the two checks
        graphQl.documentName("triggerSync").variable("namespace", ns).variable("name", "quiet").execute()
               .path("triggerSync.trigger").entity(String.class).isEqualTo("MANUAL");
        awaitHistory("quiet", "SUCCESS", 3, null)
                .path("repository.syncHistory.edges[0].node.trigger").entity(String.class).isEqualTo("MANUAL");
        assertThat(events(id)).isEqualTo(eventsBefore + 3);
        List<String> audit = awaitAudit("quiet", "repository.sync.succeeded", 2);
        assertThat(audit.subList(auditBefore.size(), audit.size()))
                .containsExactly("repository.sync.requested", "repository.sync.started", "repository.sync.succeeded");
    }

    @Test
    void anUnchangedCheckIsRecordedWithoutWaitingForASlowerCheckThatWasDueWithIt() throws IOException {
        registry.images().pushDockerImage("quick/app", "v1");
        registry.images().pushDockerImage("slow/app", "v1");
        try (SlowedRegistry slow = new SlowedRegistry(registry)) {
            addRegistry("slow", slow.url());
            String quickId = addRepository("quick", "local", "quick/app", "v1");
            String slowId = addRepository("slowly", "slow", "slow/app", "v1");
            awaitHistory("quick", "SUCCESS", 1, null);
            awaitHistory("slowly", "SUCCESS", 1, null);
            makeDue(quickId);
            awaitHistory("quick", "SUCCESS", 2, 1);
            makeDue(slowId);
            awaitHistory("slowly", "SUCCESS", 2, 1);

            // both due at the same instant (one claim takes both); the slow source answers its check 8 s late
            slow.slowHeadsBy(Duration.ofSeconds(8));
            jdbc.update("update sync_check set next_check_at = ? where repository_id in (?, ?)",
                        OffsetDateTime.now().minusSeconds(1), quickId, slowId);
            awaitHistory("quick", "SUCCESS", 2, 2);
            // the quick check is recorded while the slow one is still out
            status("slowly").path("repository.syncHistory.edges[0].node.unchangedChecks").entity(Integer.class)
                            .isEqualTo(1);
            awaitHistory("slowly", "SUCCESS", 2, 2);
        }
    }

    @Test
    void aMovedDigestFoundByACheckIsAScheduledRunWithItsEventsAndAuditEntries() {
        registry.images().pushDockerImage("busy/app", "v1");
        String id = addRepository("busy", "local", "busy/app", "v1");
        awaitHistory("busy", "SUCCESS", 1, null);
        awaitAudit("busy", "repository.sync.succeeded", 1);
        long eventsBefore = events(id);

        PushedImage moved = registry.images().repush("busy/app", "v1");
        makeDue(id);
        // the history counts the run from its request on, while the status is still the first run's SUCCESS: wait
        // for the new digest and the run's result as well (two projections, each at its own pace)
        GraphQlTester.Response[] synced = new GraphQlTester.Response[1];
        await().atMost(WAIT).untilAsserted(() -> {
            synced[0] = awaitHistory("busy", "SUCCESS", 2, null);
            synced[0].path("repository.digest").hasValue().entity(String.class).isEqualTo(moved.digest())
                     .path("repository.syncHistory.edges[0].node.changed").hasValue().entity(Boolean.class).isEqualTo(true);
        });
        synced[0].path("repository.syncHistory.edges[0].node.trigger").entity(String.class).isEqualTo("SCHEDULED")
                .path("repository.syncHistory.edges[0].node.requestedBy").entity(String.class).isEqualTo("system:scheduler");
        assertThat(events(id)).isEqualTo(eventsBefore + 3);
        awaitAudit("busy", "repository.sync.succeeded", 2);
    }

    @Test
    void aFailureAndTheRecoveryAfterItAreScheduledRunsWithTheirEventsAndAuditEntries() {
        String id = addRepository("late", "local", "late/app", "v1");
        awaitHistory("late", "FAILED", 1, null);
        registry.images().pushDockerImage("late/app", "v1");
        makeDue(id);
        awaitHistory("late", "SUCCESS", 2, null)
                .path("repository.syncHistory.edges[0].node.trigger").entity(String.class).isEqualTo("SCHEDULED")
                .path("repository.syncHistory.edges[0].node.changed").entity(Boolean.class).isEqualTo(true);
        assertThat(awaitAudit("late", "repository.sync.succeeded", 1)).contains("repository.sync.failed");

        try (LocalRegistry doomed = LocalRegistry.anonymous()) {
            doomed.images().pushDockerImage("gone/app", "v1");
            addRegistry("doomed", doomed);
            String goneId = addRepository("gone", "doomed", "gone/app", "v1");
            awaitHistory("gone", "SUCCESS", 1, null);
            long eventsBefore = events(goneId);
            doomed.close();
            makeDue(goneId);
            awaitHistory("gone", "FAILED", 2, null)
                    .path("repository.syncHistory.edges[0].node.trigger").entity(String.class).isEqualTo("SCHEDULED")
                    .path("repository.lastError.code").entity(String.class).isEqualTo("NETWORK");
            assertThat(events(goneId)).isEqualTo(eventsBefore + 3);
            awaitAudit("gone", "repository.sync.failed", 1);
        }
    }

    @Test
    void theLastSyncedOrderFollowsAnUnchangedCheck() {
        registry.images().pushDockerImage("ordered/app", "v1");
        String early = addRepository("early", "local", "ordered/app", "v1");
        awaitHistory("early", "SUCCESS", 1, null);
        addRepository("late", "local", "ordered/app", "v1");
        awaitHistory("late", "SUCCESS", 1, null);
        assertThat(lastSyncedOrder()).extracting(row -> row.get("name")).containsExactly("late", "early");

        // the repository synced first is checked: it is now the one synced last, in the order as in its lastSynced
        makeDue(early);
        Instant checked = instant(awaitHistory("early", "SUCCESS", 2, 1), "repository.lastSynced");
        List<Map<String, Object>> order = lastSyncedOrder();
        assertThat(order).extracting(row -> row.get("name")).containsExactly("early", "late");
        assertThat(Instant.parse((String) order.get(0).get("lastSynced"))).isEqualTo(checked);
        assertThat(Instant.parse((String) order.get(0).get("nextSyncAt"))).isAfter(checked.plus(Duration.ofMinutes(59)));
    }

    @Test
    void aRepositoryTheScheduleCouldNotTakeIsCheckedOnceItCan() {
        registry.images().pushDockerImage("held/app", "v1");
        // the schedule refuses this namespace's rows for a while, as a lost connection or a deadlock would refuse any
        jdbc.execute("alter table sync_check add constraint held_back check (namespace <> '" + ns + "')");
        String id;
        try {
            id = addRepository("held", "local", "held/app", "v1");
            awaitHistory("held", "SUCCESS", 1, null);
            // the schedule's processor stops at the add and says so, instead of passing over it
            await().atMost(WAIT).until(this::scheduleInError);
            assertThat(jdbc.queryForObject("select count(*) from sync_check where repository_id = ?", Integer.class, id))
                    .isZero();
            // and so do the gauges an alert would read
            assertThat(scheduleGauge("gateway.projections.error")).isEqualTo(1);
            assertThat(scheduleGauge("gateway.projections.lag")).isGreaterThanOrEqualTo(1);
        } finally {
            jdbc.execute("alter table sync_check drop constraint held_back");
        }

        // read again, the add and the first sync's result reach the schedule: the repository is checked as any other
        makeDue(id);
        awaitHistory("held", "SUCCESS", 2, 1);
        await().atMost(WAIT).until(() -> !scheduleInError());
        assertThat(scheduleGauge("gateway.projections.error")).isZero();
    }

    @Test
    void checksTheDatabaseRefusesAreOneWarningAndRunOnceItAnswersAgain(CapturedOutput output) throws InterruptedException {
        registry.images().pushDockerImage("refused/app", "v1");
        String id = addRepository("refused", "local", "refused/app", "v1");
        awaitHistory("refused", "SUCCESS", 1, null);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from sync_check where repository_id = ? and next_check_at is not null", Integer.class,
                id) == 1);
        int before = output.getAll().length();
        // the schedule's table is gone for a few polls (1s here), as a lost table or a refused statement would be;
        // the repository falls due meanwhile
        jdbc.execute("alter table sync_check rename to sync_check_away");
        try {
            jdbc.update("update sync_check_away set next_check_at = ? where repository_id = ?",
                        OffsetDateTime.now().minusSeconds(1), id);
            Thread.sleep(3_500);
        } finally {
            jdbc.execute("alter table sync_check_away rename to sync_check");
        }

        awaitHistory("refused", "SUCCESS", 2, 1);
        // several tries (3 or 4 at a 1s poll; at least 2 on a stalled machine), one warning
        await().atMost(WAIT).until(() -> output.getAll().substring(before).contains("Scheduled checks run again"));
        List<String> logged = output.getAll().substring(before).lines()
                                    .filter(line -> line.contains("Scheduled checks")).toList();
        assertThat(logged).hasSize(2);
        // the database's reason (H2: Table "SYNC_CHECK" not found; PostgreSQL: relation "sync_check" does not exist),
        // not the statement
        assertThat(logged.get(0)).contains("WARN").contains("Scheduled checks failed; tried again every 1000 ms until they run:")
                                 .containsIgnoringCase("\"sync_check\"").doesNotContainIgnoringCase("SQL statement")
                                 .doesNotContainIgnoringCase("select ");
        assertThat(logged.get(1)).contains("INFO").containsPattern("Scheduled checks run again after \\d+ ms of failures"
                                                                   + " \\(([2-9]|\\d\\d+) failed tries\\)");
    }

    private double scheduleGauge(String name) {
        return meters.get(name).tag("processing_group", "sync-checks").gauge().value();
    }

    private boolean scheduleInError() {
        Map<?, ?> processor = GatewayClient.http(port).get().uri("/actuator/projections/sync-checks").exchange()
                                           .expectStatus().isOk().expectBody(Map.class).returnResult()
                                           .getResponseBody();
        return Boolean.TRUE.equals(processor.get("error"));
    }

    private List<Map<String, Object>> lastSyncedOrder() {
        return graphQl.document("query($ns: String) { repositories(namespace: $ns, first: 10,"
                                        + " orderBy: {field: LAST_SYNCED, direction: DESC}) {"
                                        + " edges { node { name lastSynced nextSyncAt } } } }")
                      .variable("ns", ns).execute()
                      .path("repositories.edges[*].node").entityList(new ParameterizedTypeReference<Map<String, Object>>() {
                      }).get();
    }

    @Test
    void aRebuiltCatalogueShowsTheLastCheckAsLastSyncedAndTheHistoryKeepsTheChecks() {
        registry.images().pushDockerImage("kept/app", "v1");
        String id = addRepository("kept", "local", "kept/app", "v1");
        awaitHistory("kept", "SUCCESS", 1, null);
        makeDue(id);
        Instant checked = instant(awaitHistory("kept", "SUCCESS", 2, 1), "repository.lastSynced");

        GatewayClient.http(port).post().uri("/actuator/projections/repository-catalogue").exchange()
                     .expectStatus().isOk();
        await().atMost(WAIT).untilAsserted(() -> {
            GraphQlTester.Response rebuilt = awaitHistory("kept", "SUCCESS", 2, 1);
            assertThat(instant(rebuilt, "repository.lastSynced")).isEqualTo(checked);
        });
    }

    @Test
    void subscribersSeeACheckAsSyncingThenSuccess() {
        registry.images().pushDockerImage("watched/app", "v1");
        String id = addRepository("watched", "local", "watched/app", "v1");
        awaitHistory("watched", "SUCCESS", 1, null);

        double before = subscribers();
        List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
        Disposable subscription = GatewayClient.webSocket(port, GatewayClient.ADMIN_TOKEN).document("""
                        subscription($namespace: String, $name: String) {
                          syncStatusChanged(namespace: $namespace, name: $name) {
                            syncStatus previousStatus syncRun { trigger status changed }
                          }
                        }""").variable("namespace", ns).variable("name", "watched")
                .executeSubscription().toFlux("syncStatusChanged", Map.class).subscribe(e -> seen.add(typed(e)));
        try {
            await().atMost(WAIT).until(() -> subscribers() > before);
            makeDue(id);
            await().atMost(WAIT).until(() -> seen.stream().anyMatch(e -> "SUCCESS".equals(e.get("syncStatus"))));
            assertThat(seen).extracting(e -> e.get("syncStatus")).containsExactly("SYNCING", "SUCCESS");
            assertThat(seen).extracting(e -> e.get("previousStatus")).containsExactly("SUCCESS", "SYNCING");
            assertThat(seen).extracting(e -> typed(e.get("syncRun")).get("trigger")).containsOnly("SCHEDULED");
            assertThat(typed(seen.get(1).get("syncRun"))).containsEntry("status", "SUCCESS").containsEntry("changed", false);
        } finally {
            subscription.dispose();
        }
    }

    /**
     * Checks start when they are due, not at the next look for due checks: three repositories fall due 0.45 s apart
     * while the node looks once a second (this class's gateway.sync.check-poll), so were each started at the first
     * look after its due time, at least one would start 0.4 s or more late.
     */
    @Test
    void eachCheckStartsWhenItIsDueNotAtTheNextLook() {
        List<String> names = List.of("due-a", "due-b", "due-c");
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            registry.images().pushDockerImage("timely/" + name, "v1");
            ids.add(addRepository(name, "local", "timely/" + name, "v1"));
        }
        for (String name : names) {
            awaitHistory(name, "SUCCESS", 1, null);
        }
        for (String id : ids) {
            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "select count(*) from sync_check where repository_id = ? and next_check_at is not null",
                    Integer.class, id) == 1);
        }
        List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
        double before = subscribers();
        Disposable subscription = GatewayClient.webSocket(port, GatewayClient.ADMIN_TOKEN).document("""
                        subscription($namespace: String) {
                          syncStatusChanged(namespace: $namespace) { name syncStatus at }
                        }""").variable("namespace", ns)
                .executeSubscription().toFlux("syncStatusChanged", Map.class).subscribe(e -> seen.add(typed(e)));
        try {
            await().atMost(WAIT).until(() -> subscribers() > before);
            Instant first = Instant.now().plusMillis(1500);
            Map<String, Instant> dueAt = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                dueAt.put(names.get(i), first.plusMillis(450L * i));
                jdbc.update("update sync_check set next_check_at = ? where repository_id = ?",
                            OffsetDateTime.ofInstant(dueAt.get(names.get(i)), ZoneOffset.UTC), ids.get(i));
            }
            await().atMost(WAIT).until(() -> seen.stream().filter(e -> "SUCCESS".equals(e.get("syncStatus"))).count()
                                             == names.size());
            for (String name : names) {
                Instant started = seen.stream().filter(e -> name.equals(e.get("name"))
                                                          && "SYNCING".equals(e.get("syncStatus")))
                                      .map(e -> Instant.parse((String) e.get("at"))).findFirst().orElseThrow();
                assertThat(Duration.between(dueAt.get(name), started)).as("%s started after it was due", name)
                        .isBetween(Duration.ofMillis(-20), Duration.ofMillis(400));
            }
        } finally {
            subscription.dispose();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> typed(Object map) {
        return (Map<String, Object>) map;
    }

    private double subscribers() {
        return meters.get("gateway.live.subscribers").gauge().value();
    }
}
