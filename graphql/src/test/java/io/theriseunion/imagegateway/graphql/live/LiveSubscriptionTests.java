package io.theriseunion.imagegateway.graphql.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions over a real WebSocket (graphql-transport-ws at /graphql): filters, several subscribers, a
 * subscriber that stops reading, and unsubscribing. The repositories sync from a closed loopback port, so each
 * goes PENDING → SYNCING → FAILED quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:live;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class LiveSubscriptionTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    HttpGraphQlTester graphQl;
    String ns;

    @BeforeEach
    void setUp() {
        graphQl = GatewayClient.graphQl(port);
        ns = freshNamespace("live");
        GatewayClient.ensureRegistry(graphQl, ns);
    }

    private WebSocketGraphQlTester webSocket() {
        return GatewayClient.webSocket(port, GatewayClient.ADMIN_TOKEN);
    }

    private void add(String name) {
        Map<String, Object> input = new HashMap<>(GatewayClient.addInput(ns, name));
        input.put("retryCount", 0);
        graphQl.documentName("addRepository").fragmentName("repositoryFields").variable("input", input).execute()
               .path("addRepository.version").entity(Integer.class).isEqualTo(1);
    }

    private static <T> List<T> collect(Flux<T> flux, List<Disposable> subscriptions) {
        List<T> seen = new CopyOnWriteArrayList<>();
        subscriptions.add(flux.subscribe(seen::add));
        return seen;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> typed(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private double subscribers() {
        return meters.get("gateway.live.subscribers").gauge().value();
    }

    @Test
    void statusChangesReachTheSubscribersWhoseFilterMatches() {
        WebSocketGraphQlTester client = webSocket();
        String document = """
                subscription($namespace: String, $name: String) {
                  syncStatusChanged(namespace: $namespace, name: $name) {
                    namespace name syncStatus previousStatus at
                    syncRun { id trigger status changed digest error { code message } }
                  }
                }""";
        List<Disposable> subscriptions = new CopyOnWriteArrayList<>();
        double before = subscribers();
        List<Map<String, Object>> onlyA = collect(client.document(document).variable("namespace", ns).variable("name", "a")
                                        .executeSubscription().toFlux("syncStatusChanged", Map.class).map(LiveSubscriptionTests::typed), subscriptions);
        List<Map<String, Object>> wholeNamespace = collect(client.document(document).variable("namespace", ns)
                                                 .executeSubscription().toFlux("syncStatusChanged", Map.class).map(LiveSubscriptionTests::typed),
                                           subscriptions);
        List<Map<String, Object>> otherNamespace = collect(client.document(document).variable("namespace", ns + "-other")
                                                 .executeSubscription().toFlux("syncStatusChanged", Map.class).map(LiveSubscriptionTests::typed),
                                           subscriptions);
        await().atMost(WAIT).until(() -> subscribers() >= before + 3);

        add("a");
        add("b");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(onlyA).last().extracting(e -> e.get("syncStatus")).isEqualTo("FAILED");
            assertThat(wholeNamespace).filteredOn(e -> "b".equals(e.get("name"))).last()
                                      .extracting(e -> e.get("syncStatus")).isEqualTo("FAILED");
        });
        assertThat(onlyA).allSatisfy(e -> assertThat(e).containsEntry("namespace", ns).containsEntry("name", "a"));
        assertTriedOrHeld(onlyA);
        assertTriedOrHeld(wholeNamespace.stream().filter(e -> "b".equals(e.get("name"))).toList());
        Map<?, ?> failed = onlyA.get(onlyA.size() - 1);
        assertThat((Map<String, Object>) failed.get("syncRun")).containsEntry("trigger", "CREATED").containsEntry("status", "FAILED");
        assertThat(otherNamespace).isEmpty();

        subscriptions.forEach(Disposable::dispose);
        await().atMost(WAIT).until(() -> subscribers() <= before);
    }

    @Test
    void everySubscriberGetsEachRepositoryChangeWithTheRepository() {
        WebSocketGraphQlTester client = webSocket();
        String document = """
                subscription($namespace: String) {
                  repositoryChanged(namespace: $namespace) { type namespace name at repository { name version displayName } }
                }""";
        List<Disposable> subscriptions = new CopyOnWriteArrayList<>();
        double before = subscribers();
        List<List<Map<String, Object>>> subscribers = List.of(
                collect(client.document(document).variable("namespace", ns).executeSubscription()
                              .toFlux("repositoryChanged", Map.class).map(LiveSubscriptionTests::typed), subscriptions),
                collect(webSocket().document(document).variable("namespace", ns).executeSubscription()
                                   .toFlux("repositoryChanged", Map.class).map(LiveSubscriptionTests::typed), subscriptions),
                collect(webSocket().document(document).executeSubscription()
                                   .toFlux("repositoryChanged", Map.class).map(LiveSubscriptionTests::typed), subscriptions));
        await().atMost(WAIT).until(() -> subscribers() >= before + 3);

        add("web");
        graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
               .variable("input", Map.of("namespace", ns, "name", "web", "displayName", "Web"))
               .execute().path("editRepositoryMetadata.version").entity(Integer.class).isEqualTo(2);
        // the first sync ends before the delete (a repository deleted first ends its queued sync unrecorded: no SYNCED)
        for (List<Map<String, Object>> seen : subscribers) {
            await().atMost(WAIT).until(() -> seen.stream().anyMatch(e -> ns.equals(e.get("namespace"))
                                                                         && "SYNCED".equals(e.get("type"))));
        }
        graphQl.documentName("deleteRepository")
               .variable("namespace", ns).variable("name", "web").variable("confirmName", "web")
               .execute().path("deleteRepository.deleted").entity(Boolean.class).isEqualTo(true);

        for (List<Map<String, Object>> seen : subscribers) {
            // the sync result (SYNCED) races the edit; ADDED comes first and DELETED last
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    seen.stream().filter(e -> ns.equals(e.get("namespace"))).map(e -> e.get("type")).toList())
                    .hasSize(4).startsWith("ADDED").endsWith("DELETED").contains("SYNCED", "EDITED"));
            List<Map<String, Object>> mine = seen.stream().filter(e -> ns.equals(e.get("namespace"))).toList();
            assertThat((Map<String, Object>) mine.get(0).get("repository")).containsEntry("name", "web");
            Map<String, Object> edited = mine.stream().filter(e -> "EDITED".equals(e.get("type"))).findFirst().orElseThrow();
            assertThat((Map<String, Object>) edited.get("repository")).containsEntry("displayName", "Web")
                                                                      .containsEntry("version", 2);
            assertThat(mine.get(3).get("repository")).isNull();
        }
        subscriptions.forEach(Disposable::dispose);
        await().atMost(WAIT).until(() -> subscribers() <= before);
    }

    @Test
    void aSubscriberThatStopsReadingDoesNotHoldBackTheOthers() throws Exception {
        double base = subscribers();
        // a raw graphql-transport-ws client that subscribes and then never reads another frame
        StalledClient stalled = StalledClient.connect(port, "subscription { repositoryChanged { type name } }");
        List<Disposable> subscriptions = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> live = collect(webSocket().document("subscription($ns: String) { repositoryChanged(namespace: $ns) { type name } }")
                                            .variable("ns", ns).executeSubscription()
                                            .toFlux("repositoryChanged", Map.class).map(LiveSubscriptionTests::typed), subscriptions);
        await().atMost(WAIT).until(() -> stalled.acknowledged() && subscribers() >= base + 2);

        Map<String, Object> batch = new HashMap<>();
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> item = new HashMap<>(GatewayClient.addInput(ns, "r-" + i));
            item.put("retryCount", 0);
            items.add(item);
        }
        batch.put("input", items);
        graphQl.document("mutation($input: [AddRepositoryInput!]!) { addRepositories(input: $input) { succeeded failed } }")
               .variables(batch).execute().path("addRepositories.succeeded").entity(Integer.class).isEqualTo(40);

        await().atMost(WAIT).untilAsserted(() -> assertThat(live.stream().filter(e -> "SYNCED".equals(e.get("type"))))
                .hasSize(40));
        assertThat(live.stream().filter(e -> "ADDED".equals(e.get("type")))).hasSize(40);
        stalled.close();
        subscriptions.forEach(Disposable::dispose);
    }

    /**
     * The console reads the audit log, then follows it: entries that came between the read and the subscription
     * (stored meanwhile, or told live just before) come first, then the new ones, none twice; a second follower of
     * the same read gets them too (it is not joined to the first one's stream).
     */
    @Test
    void aListReadAndThenFollowedMissesNothingInBetween() {
        Map<String, Object> filter = Map.of("namespace", ns, "actions", List.of("repository.added"));
        String liveCursor = graphQl.document("query($f: AuditLogFilter) { auditLog(filter: $f) { totalCount liveCursor } }")
                                   .variable("f", filter).execute()
                                   .path("auditLog.totalCount").entity(Integer.class).isEqualTo(0)
                                   .path("auditLog.liveCursor").entity(String.class).get();
        add("before-1");
        add("before-2");
        add("before-3");
        String document = """
                subscription($f: AuditLogFilter, $after: String) {
                  auditLogAppended(filter: $f, after: $after) { action targetName }
                }""";
        List<Disposable> subscriptions = new CopyOnWriteArrayList<>();
        double before = subscribers();
        List<Map<String, Object>> first = collect(webSocket().document(document).variable("f", filter).variable("after", liveCursor)
                                                      .executeSubscription().toFlux("auditLogAppended", Map.class)
                                                      .map(LiveSubscriptionTests::typed), subscriptions);
        await().atMost(WAIT).until(() -> first.size() >= 3);
        add("during");
        await().atMost(WAIT).until(() -> first.size() >= 4);
        List<Map<String, Object>> second = collect(webSocket().document(document).variable("f", filter).variable("after", liveCursor)
                                                       .executeSubscription().toFlux("auditLogAppended", Map.class)
                                                       .map(LiveSubscriptionTests::typed), subscriptions);
        await().atMost(WAIT).until(() -> second.size() >= 4);
        add("after");

        List<String> expected = List.of("before-1", "before-2", "before-3", "during", "after");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(first).extracting(e -> e.get("targetName")).containsExactlyElementsOf(expected);
            assertThat(second).extracting(e -> e.get("targetName")).containsExactlyElementsOf(expected);
        });
        assertThat(subscribers()).isEqualTo(before + 2);
        subscriptions.forEach(Disposable::dispose);
        await().atMost(WAIT).until(() -> subscribers() == before);
    }

    @Test
    void aRepositoryListReadAndThenFollowedMissesNoChangeInBetween() {
        String liveCursor = graphQl.document("query($ns: String) { repositories(namespace: $ns) { totalCount liveCursor } }")
                                   .variable("ns", ns).execute()
                                   .path("repositories.totalCount").entity(Integer.class).isEqualTo(0)
                                   .path("repositories.liveCursor").entity(String.class).get();
        add("before-1");
        add("before-2");
        // both first syncs over before anyone follows: every change of theirs came between the read and the follower
        await().atMost(WAIT).untilAsserted(() -> graphQl.document("query($ns: String) { repositories(namespace: $ns) { edges { node { syncStatus } } } }")
                                                        .variable("ns", ns).execute()
                                                        .path("repositories.edges[*].node.syncStatus").entityList(String.class)
                                                        .containsExactly("FAILED", "FAILED"));
        String changes = """
                subscription($ns: String, $after: String) {
                  repositoryChanged(namespace: $ns, after: $after) { type name }
                }""";
        String statuses = """
                subscription($ns: String, $after: String) {
                  syncStatusChanged(namespace: $ns, after: $after) { name syncStatus previousStatus syncRun { error { code } } }
                }""";
        List<Disposable> subscriptions = new CopyOnWriteArrayList<>();
        List<List<Map<String, Object>>> changeFollowers = new CopyOnWriteArrayList<>();
        List<List<Map<String, Object>>> statusFollowers = new CopyOnWriteArrayList<>();
        for (int follower = 0; follower < 2; follower++) {
            changeFollowers.add(collect(webSocket().document(changes).variable("ns", ns).variable("after", liveCursor)
                                                   .executeSubscription().toFlux("repositoryChanged", Map.class)
                                                   .map(LiveSubscriptionTests::typed), subscriptions));
            statusFollowers.add(collect(webSocket().document(statuses).variable("ns", ns).variable("after", liveCursor)
                                                   .executeSubscription().toFlux("syncStatusChanged", Map.class)
                                                   .map(LiveSubscriptionTests::typed), subscriptions));
        }
        await().atMost(WAIT).until(() -> changeFollowers.stream().allMatch(seen -> seen.size() >= 4));
        add("after");

        for (String name : List.of("before-1", "before-2", "after")) {
            for (List<Map<String, Object>> seen : changeFollowers) {
                await().atMost(WAIT).untilAsserted(() -> assertThat(seen).filteredOn(e -> name.equals(e.get("name")))
                                                                         .extracting(e -> e.get("type"))
                                                                         .containsExactly("ADDED", "SYNCED"));
            }
            for (List<Map<String, Object>> seen : statusFollowers) {
                await().atMost(WAIT).untilAsserted(() -> assertThat(seen).filteredOn(e -> name.equals(e.get("name")))
                                                                         .last().extracting(e -> e.get("syncStatus"))
                                                                         .isEqualTo("FAILED"));
                assertTriedOrHeld(seen.stream().filter(e -> name.equals(e.get("name"))).toList());
            }
        }
        assertThat(changeFollowers).allSatisfy(seen -> assertThat(seen).hasSize(6));
        subscriptions.forEach(Disposable::dispose);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "auditLogAppended(after: \"nonsense\") { action } | auditLogAppended | liveCursor of an auditLog read",
            "syncStatusChanged(after: \"nonsense\") { name }   | syncStatusChanged | liveCursor of a repositories read",
            "repositoryChanged(after: \"nonsense\") { name }   | repositoryChanged | liveCursor of a repositories read"})
    void aFollowerWhoseAfterIsNoLiveCursorIsToldWhatToPass(String selection, String field, String advice) {
        Flux<Map> flux = webSocket().document("subscription { " + selection + " }").executeSubscription()
                                    .toFlux(field, Map.class);
        assertThatThrownBy(() -> flux.blockFirst(WAIT)).isInstanceOfSatisfying(SubscriptionErrorException.class, e ->
                assertThat(e.getErrors()).singleElement().satisfies(error -> {
                    assertThat(error.getMessage()).contains("after").contains(advice);
                    assertThat(error.getExtensions()).containsEntry("code", "VALIDATION_FAILED");
                }));
    }

    @Test
    void unsubscribingEndsTheSubscriptionOnTheServer() {
        double before = subscribers();
        Flux<Map<String, Object>> flux = webSocket().document("subscription { auditLogAppended { action } }").executeSubscription()
                                    .toFlux("auditLogAppended", Map.class).map(LiveSubscriptionTests::typed);
        Disposable subscription = flux.subscribe();
        await().atMost(WAIT).until(() -> subscribers() == before + 1);
        subscription.dispose();
        await().atMost(WAIT).until(() -> subscribers() == before);
    }

    /** A WebSocket client that asks for one frame at a time and stops asking after the first data frame. */
    /**
     * The registry's port refuses. A run that tried goes PENDING, SYNCING, FAILED (NETWORK, or SOURCE_UNAVAILABLE
     * when the health check opened the source's breaker while it waited to retry); a run requested after the
     * breaker opened ends before it starts: PENDING, FAILED, always SOURCE_UNAVAILABLE.
     */
    @SuppressWarnings("unchecked")
    private static void assertTriedOrHeld(List<Map<String, Object>> changes) {
        Object code = ((Map<String, Object>) ((Map<String, Object>) changes.get(changes.size() - 1).get("syncRun"))
                .get("error")).get("code");
        if (changes.size() == 2) {
            assertThat(changes).extracting(e -> e.get("syncStatus")).containsExactly("PENDING", "FAILED");
            assertThat(changes).extracting(e -> e.get("previousStatus")).containsExactly(null, "PENDING");
            assertThat(code).isEqualTo("SOURCE_UNAVAILABLE");
        } else {
            assertThat(changes).extracting(e -> e.get("syncStatus")).containsExactly("PENDING", "SYNCING", "FAILED");
            assertThat(changes).extracting(e -> e.get("previousStatus")).containsExactly(null, "PENDING", "SYNCING");
            assertThat(code).isIn("NETWORK", "SOURCE_UNAVAILABLE");
        }
    }

    static final class StalledClient implements WebSocket.Listener, AutoCloseable {

        private final WebSocket socket;
        private volatile boolean acknowledged;
        private final StringBuilder frame = new StringBuilder();

        private StalledClient(int port, String subscription) throws Exception {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                               .buildAsync(URI.create("ws://localhost:" + port + "/graphql"), this)
                               .get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer "
                                    + GatewayClient.ADMIN_TOKEN + "\"}}", true).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\""
                                    + subscription.replace("\"", "\\\"") + "\"}}", true).get(10, TimeUnit.SECONDS);
        }

        static StalledClient connect(int port, String subscription) throws Exception {
            return new StalledClient(port, subscription);
        }

        boolean acknowledged() {
            return acknowledged;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                String text = frame.toString();
                frame.setLength(0);
                if (text.contains("connection_ack")) {
                    acknowledged = true;
                }
                if (text.contains("\"next\"")) {
                    return null; // stop reading: no further request
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
