package io.theriseunion.imagegateway.registry;

import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.PushedImage;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The test fixture itself: how it fails without the binary, and what it cleans up. */
class LocalRegistryTests {

    @Test
    void aMissingBinaryFailsWithTheInstallHint() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LocalRegistry.builder().binary(Path.of("/nonexistent/docker-registry")).start())
                .withMessageContaining("install Debian's docker-registry (apt-get install docker-registry apache2-utils)")
                .withMessageContaining("bash scripts/test.sh");
    }

    @Test
    void closeStopsTheRegistryAndDeletesItsStorage() {
        LocalRegistry registry = LocalRegistry.anonymous();
        registry.images().pushOciImage("fixture/app", "1");
        Path storage = registry.storage();
        assertThat(storage).isDirectory();

        registry.close();

        assertThat(Files.exists(storage)).isFalse();
        try (RegistryClient client = LoopbackClients.builder().build()) {
            assertThat(client.ping(registry.endpoint())).isEqualTo(RegistryHealth.UNREACHABLE);
        }
    }

    @Test
    void notificationsOfPushesReachTheConfiguredEndpoint() {
        try (MockRegistry listener = MockRegistry.start()) {
            listener.on("POST", "/events", MockContent.status(200));
            try (LocalRegistry registry = LocalRegistry.builder().notifications(listener.url("/events").uri()).start()) {
                PushedImage image = registry.images().pushOciImage("fixture/notified", "1");

                RecordedRequest event = listener.take();

                assertThat(event.getHeaders().get("Content-Type"))
                        .startsWith("application/vnd.docker.distribution.events.v1+json");
                assertThat(event.getBody().string(StandardCharsets.UTF_8)).contains("\"events\"")
                        .contains("fixture/notified");
                assertThat(image.digest()).startsWith("sha256:");
            }
        }
    }
}
