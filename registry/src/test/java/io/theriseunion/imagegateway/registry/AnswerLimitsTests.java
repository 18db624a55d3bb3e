package io.theriseunion.imagegateway.registry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What one registry answer may make the client do: entries per index, layers per manifest, layers over an index's
 * platforms, and how many bytes of child manifests it keeps. Hitting a limit is LIMIT_EXCEEDED, named by its
 * setting; wide and deep documents come from a MockWebServer (a real registry would hold them too, but pushing
 * 3 platforms suffices to show the rule).
 */
class AnswerLimitsTests {

    private static final String PREFIX = "gateway.registry.limits.";

    private MockRegistry registry;

    @BeforeEach
    void start() {
        registry = MockRegistry.start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static List<Layer> layers(String image, int count) {
        return IntStream.range(0, count).mapToObj(i -> new Layer(MockContent.sha256(image + " layer " + i), 100 + i,
                MediaTypes.OCI_LAYER)).toList();
    }

    /** An OCI index of {@code platforms} images with {@code layers} layers each, served with its children. */
    private String index(int platforms, int layers) {
        String config = MockContent.config("amd64");
        registry.blob("team/app", config);
        String entries = IntStream.range(0, platforms).mapToObj(i -> {
            String child = MockContent.imageManifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, config,
                    layers("image " + i, layers));
            registry.manifest("team/app", "child-" + i, MediaTypes.OCI_MANIFEST, child);
            return "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + MockContent.sha256(child)
                    + "\",\"size\":" + child.getBytes(StandardCharsets.UTF_8).length
                    + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"arch" + i + "\"}}";
        }).collect(Collectors.joining(","));
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + entries
                + "]}";
        registry.manifest("team/app", "1.0", MediaTypes.OCI_INDEX, index);
        return index;
    }

    private RegistryException limitExceeded(RegistryClient client) {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.inspect(registry.endpoint(), "team/app", "1.0"));
        assertThat(e).as("a RegistryException").isNotNull();
        assertThat(e.code()).isEqualTo(RegistryErrorCode.LIMIT_EXCEEDED);
        assertThat(e.transientFailure()).isFalse();
        return e;
    }

    @Test
    void anIndexWiderThanTheLimitIsRefusedBeforeAnyChildIsFetched() {
        index(3, 1);
        try (RegistryClient client = LoopbackClients.builder().maxIndexEntries(2).limitSettingPrefix(PREFIX).build()) {
            RegistryException e = limitExceeded(client);

            assertThat(e).hasMessage("registry " + registry.authority() + " sent an index of 3 entries for"
                    + " team/app:1.0; the limit is gateway.registry.limits.index-entries = 2");
        }
        assertThat(registry.requestCount()).isEqualTo(1);
    }

    @Test
    void aManifestWithMoreLayersThanTheLimitIsRefused() {
        String config = MockContent.config("amd64");
        registry.blob("team/app", config).manifest("team/app", "1.0", MediaTypes.OCI_MANIFEST,
                MockContent.imageManifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, config, layers("big", 3)));
        try (RegistryClient client = LoopbackClients.builder().maxLayersPerManifest(2).limitSettingPrefix(PREFIX)
                .build()) {
            RegistryException e = limitExceeded(client);

            assertThat(e).hasMessage("registry " + registry.authority() + " sent a manifest of 3 layers for"
                    + " team/app:1.0; the limit is gateway.registry.limits.layers-per-manifest = 2");
        }
    }

    @Test
    void theLayersOfAllPlatformsTogetherAreBounded() {
        String index = index(3, 2);
        try (RegistryClient client = LoopbackClients.builder().maxImageLayers(5).limitSettingPrefix(PREFIX).build()) {
            RegistryException e = limitExceeded(client);

            assertThat(e).hasMessage("registry " + registry.authority() + " sent more than 5 layers over the platforms"
                    + " of index team/app@" + MockContent.sha256(index)
                    + "; the limit is gateway.registry.limits.image-layers = 5");
        }
        try (RegistryClient client = LoopbackClients.builder().maxImageLayers(6).build()) {
            assertThat(client.inspect(registry.endpoint(), "team/app", "1.0").platforms()).hasSize(3);
        }
    }

    @Test
    void withinTheLimitsAnIndexIsRead() {
        index(3, 2);
        try (RegistryClient client = LoopbackClients.builder().maxIndexEntries(3).maxLayersPerManifest(2).build()) {
            ImageManifest image = client.inspect(registry.endpoint(), "team/app", "1.0");

            assertThat(image.platforms()).extracting(Platform::architecture).containsExactly("arch0", "arch1", "arch2");
        }
    }

    @Test
    void childManifestsAreCachedUpToTheirBytesNotTheirNumber() {
        index(3, 2);
        String child = MockContent.imageManifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG,
                MockContent.config("amd64"), layers("image 0", 2));
        long childBytes = child.getBytes(StandardCharsets.UTF_8).length;
        // room for two of the three children: the third pushes the first out, every pass fetches them all again
        try (RegistryClient small = LoopbackClients.builder().maxCacheBytes(2 * childBytes + 10).build()) {
            small.inspect(registry.endpoint(), "team/app", "1.0");
            registry.drain();

            small.inspect(registry.endpoint(), "team/app", "1.0");

            assertThat(registry.drain()).extracting(r -> r.getUrl().encodedPath()).filteredOn(p -> p.contains("sha256"))
                    .hasSize(3);
        }
        try (RegistryClient roomy = LoopbackClients.builder().maxCacheBytes(3 * childBytes + 10).build()) {
            roomy.inspect(registry.endpoint(), "team/app", "1.0");
            registry.drain();

            roomy.inspect(registry.endpoint(), "team/app", "1.0");

            assertThat(registry.drain()).extracting(r -> r.getUrl().encodedPath()).containsExactly(
                    "/v2/team/app/manifests/1.0");
        }
    }
}
