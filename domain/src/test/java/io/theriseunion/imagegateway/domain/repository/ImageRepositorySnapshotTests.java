package io.theriseunion.imagegateway.domain.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryAddedEvent;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.RepositoryMetadataEditedEvent;
import io.theriseunion.imagegateway.domain.api.SyncRequestedEvent;
import io.theriseunion.imagegateway.domain.api.SyncSucceededEvent;
import io.theriseunion.imagegateway.domain.api.SyncTarget;
import io.theriseunion.imagegateway.domain.api.SyncTrigger;
import io.theriseunion.imagegateway.domain.api.SyncedLayer;
import io.theriseunion.imagegateway.domain.api.SyncedManifest;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A repository loaded from its snapshot knows everything it knew when the snapshot was taken. */
class ImageRepositorySnapshotTests {

    private static final RepositoryId ID = RepositoryId.of("5f0c7a1e-0000-4000-8000-000000000009");
    private static final RegistryRef HARBOR = new RegistryRef("default", "harbor-prod");
    private static final Instant T0 = Instant.parse("2024-01-08T08:00:00Z");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
                                                                  .objectMapper(new ObjectMapper().findAndRegisterModules())
                                                                  .build();

    @Test
    void aSnapshotKeepsNameSettingsOpenRunLastDigestAndLayers() {
        ImageRepository repository = new ImageRepository();
        repository.on(new RepositoryAddedEvent(ID, "default", "nginx", "Nginx", null, HARBOR, "library/nginx", "latest",
                                               "1h", "10m", 3), T0);
        repository.on(new RepositoryMetadataEditedEvent(ID, "default", "nginx", "Nginx", "web server", "Nginx", null),
                      T0.plusSeconds(1));
        SyncTarget target = new SyncTarget("default", "nginx", HARBOR, "library/nginx", "latest", "10m", 3, null, true);
        repository.on(new SyncRequestedEvent(ID, "run-1", SyncTrigger.CREATED, "system:catalogue", target,
                                             T0.plusSeconds(600), "overdue-1"), T0.plusSeconds(2));
        SyncedManifest manifest = new SyncedManifest("sha256:a", "application/vnd.oci.image.manifest.v1+json", "amd64",
                                                     "linux", null, 100, T0,
                                                     List.of(new SyncedLayer("sha256:l1", 10, null),
                                                             new SyncedLayer("sha256:l2", 20, null)), List.of());
        repository.on(new SyncSucceededEvent(ID, "run-1", "default", "nginx", "sha256:a", true, manifest,
                                             List.of("sha256:l1", "sha256:l2"), List.of(), List.of("latest"), 1, 3,
                                             T0.plusSeconds(3600), "next-1"), T0.plusSeconds(3));
        repository.on(new SyncRequestedEvent(ID, "run-2", SyncTrigger.SCHEDULED, "system:scheduler", target,
                                             T0.plusSeconds(4200), "overdue-2"), T0.plusSeconds(4));

        SerializedObject<byte[]> snapshot = serializer.serialize(repository, byte[].class);
        ImageRepository loaded = serializer.deserialize(snapshot);

        assertThat(new String(snapshot.getData(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"lastDigest\":\"sha256:a\"", "\"openRunId\":\"run-2\"");
        assertThat(loaded).usingRecursiveComparison().isEqualTo(repository);
        assertThat(loaded.id()).isEqualTo(ID);
        // what readers saw, for time travel that starts at the snapshot
        assertThat(loaded.appearance().description()).isEqualTo("web server");
        assertThat(loaded.appearance().version()).isEqualTo(2);
        assertThat(loaded.appearance().syncStatus()).isEqualTo(io.theriseunion.imagegateway.domain.api.SyncStatus.SUCCESS);
        assertThat(loaded.appearance().lastSynced()).isEqualTo(T0.plusSeconds(3));
        assertThat(loaded.appearance().manifest()).isEqualTo(manifest);
        assertThat(loaded.appearance().remoteTags()).containsExactly("latest");
    }
}
