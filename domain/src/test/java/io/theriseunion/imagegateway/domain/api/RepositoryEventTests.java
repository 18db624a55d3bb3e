package io.theriseunion.imagegateway.domain.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every repository event tells its repository's id, namespace and name; stored events keep their shape. */
class RepositoryEventTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-00000000000b");
    private static final RegistryRef HARBOR = new RegistryRef("default", "harbor-prod");
    private static final SyncTarget TARGET = new SyncTarget("default", "nginx", HARBOR, "library/nginx", "latest",
                                                            "10m", 3, null, true);
    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(new ObjectMapper().findAndRegisterModules()).build();

    @Test
    void everyRepositoryEventNamesItsRepository() {
        List<RepositoryEvent> events = List.of(
                new RepositoryAddedEvent(ID, "default", "nginx", null, null, HARBOR, "library/nginx", "latest", "1h",
                                         "10m", 3),
                new RepositoryMetadataEditedEvent(ID, "default", "nginx", "Nginx", null, null, null),
                new RepositorySyncPolicyEditedEvent(ID, "default", "nginx", "2h", "10m", 3, "1h", "10m", 3, T0,
                                                    "next-1"),
                new SyncRequestedEvent(ID, "run-1", SyncTrigger.MANUAL, "alice", TARGET, T0, "overdue-1"),
                new SyncStartedEvent(ID, "run-1", "default", "nginx"),
                new SyncSucceededEvent(ID, "run-1", "default", "nginx", "sha256:a", false, null, List.of(), List.of(),
                                       null, 1, 2, T0, "next-1"),
                new SyncFailedEvent(ID, "run-1", "default", "nginx", new SyncError("NETWORK", "refused", null), 1, T0,
                                    "next-1"),
                new RepositoryDeletedEvent(ID, "default", "nginx"));

        assertThat(events).allSatisfy(e -> {
            assertThat(e.repositoryId()).isEqualTo(ID);
            assertThat(e.namespace()).isEqualTo("default");
            assertThat(e.name()).isEqualTo("nginx");
        });
    }

    @Test
    void aSyncRequestIsStoredWithoutItsNameTwice() throws Exception {
        SyncRequestedEvent event = new SyncRequestedEvent(ID, "run-1", SyncTrigger.MANUAL, "alice", TARGET, T0,
                                                          "overdue-1");

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        JsonNode json = new ObjectMapper().readTree(stored.getData());

        assertThat(json.fieldNames()).toIterable()
                                     .containsExactly("repositoryId", "runId", "trigger", "requestedBy", "target",
                                                      "overdueAt", "overdueScheduleId");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
    }

    @Test
    void aSyncRequestStoredBeforeTheInterfaceStillReads() {
        String old = "{\"repositoryId\":\"" + ID.value() + "\",\"runId\":\"run-1\",\"trigger\":\"SCHEDULED\","
                + "\"requestedBy\":\"system:scheduler\",\"target\":{\"namespace\":\"team-a\",\"name\":\"redis\","
                + "\"registry\":{\"namespace\":\"default\",\"name\":\"harbor-prod\"},\"repository\":\"library/redis\","
                + "\"tag\":\"7\",\"syncTimeout\":\"10m\",\"retryCount\":3,\"knownDigest\":\"sha256:b\","
                + "\"refreshTags\":false},\"overdueAt\":\"2024-01-08T08:10:00Z\",\"overdueScheduleId\":\"overdue-1\"}";

        SyncRequestedEvent event = serializer.deserialize(new SimpleSerializedObject<>(
                old.getBytes(StandardCharsets.UTF_8), byte[].class,
                new SimpleSerializedType(SyncRequestedEvent.class.getName(), null)));

        assertThat(event.repositoryId()).isEqualTo(ID);
        assertThat(event.namespace()).isEqualTo("team-a");
        assertThat(event.name()).isEqualTo("redis");
        assertThat(event.trigger()).isEqualTo(SyncTrigger.SCHEDULED);
        assertThat(event.target().knownDigest()).isEqualTo("sha256:b");
        assertThat(event.overdueAt()).isEqualTo(Instant.parse("2024-01-08T08:10:00Z"));
    }
}
