package io.theriseunion.imagegateway.registry;

import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.PushedImage;
import io.theriseunion.imagegateway.registry.testing.PushedIndex;
import io.theriseunion.imagegateway.registry.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client against a real, anonymous registry (Debian's docker-registry). */
class AnonymousRegistryTests {

    private static LocalRegistry registry;
    private static RegistryClient client;
    private static PushedImage dockerImage;
    private static PushedImage ociImage;
    private static PushedIndex ociIndex;
    private static PushedIndex dockerList;
    private static List<String> manyTags;

    @BeforeAll
    static void pushImages() {
        registry = LocalRegistry.anonymous();
        client = LoopbackClients.builder().build();
        TestImages images = registry.images();
        dockerImage = images.pushDockerImage("apps/docker", "1.0");
        ociImage = images.pushOciImage("apps/oci", "1.0");
        ociIndex = images.pushOciIndex("apps/multi", "1.0");
        dockerList = images.pushDockerManifestList("apps/list", "1.0");
        manyTags = images.pushTags("apps/many", 250);
    }

    @AfterAll
    static void stopRegistry() {
        if (client != null) {
            client.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void headAnswersThePushedDigest() {
        ManifestHead head = client.head(registry.endpoint(), "apps/docker", "1.0");

        assertThat(head).isEqualTo(new ManifestHead(dockerImage.digest(), MediaTypes.DOCKER_MANIFEST,
                dockerImage.manifestSize()));
    }

    @Test
    void inspectReadsADockerSchema2Image() {
        ImageManifest manifest = client.inspect(registry.endpoint(), "apps/docker", "1.0");

        assertThat(manifest.digest()).isEqualTo(dockerImage.digest());
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(manifest.architecture()).isEqualTo("amd64");
        assertThat(manifest.os()).isEqualTo("linux");
        assertThat(manifest.variant()).isNull();
        assertThat(manifest.created()).isEqualTo(dockerImage.spec().created());
        assertThat(manifest.layers()).hasSize(3).isEqualTo(dockerImage.layers());
        assertThat(manifest.size()).isEqualTo(dockerImage.size());
        assertThat(manifest.platforms()).isEmpty();
        assertThat(manifest.index()).isFalse();
    }

    @Test
    void inspectReadsAnOciImage() {
        ImageManifest manifest = client.inspect(registry.endpoint(), "apps/oci", "1.0");

        assertThat(manifest.digest()).isEqualTo(ociImage.digest());
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(manifest.architecture()).isEqualTo("amd64");
        assertThat(manifest.os()).isEqualTo("linux");
        assertThat(manifest.created()).isEqualTo(ociImage.spec().created());
        assertThat(manifest.layers()).isEqualTo(ociImage.layers());
        assertThat(manifest.layers()).allSatisfy(layer -> assertThat(layer.mediaType()).isEqualTo(MediaTypes.OCI_LAYER));
        assertThat(manifest.size()).isEqualTo(ociImage.size());
    }

    @Test
    void inspectByDigestReadsTheSameImage() {
        ImageManifest byTag = client.inspect(registry.endpoint(), "apps/oci", "1.0");
        ImageManifest byDigest = client.inspect(registry.endpoint(), "apps/oci", ociImage.digest());

        assertThat(byDigest).isEqualTo(byTag);
    }

    @Test
    void inspectReadsAnOciIndexPerPlatformWithoutItsAttestation() {
        ImageManifest manifest = client.inspect(registry.endpoint(), "apps/multi", "1.0");

        PushedImage amd64 = ociIndex.platform("amd64");
        PushedImage arm64 = ociIndex.platform("arm64");
        assertThat(ociIndex.attestationDigest()).isNotNull();
        assertThat(manifest.digest()).isEqualTo(ociIndex.digest());
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(manifest.index()).isTrue();
        assertThat(manifest.platforms()).containsExactly(
                new Platform("linux", "amd64", null, amd64.digest(), amd64.size(), amd64.layers()),
                new Platform("linux", "arm64", "v8", arm64.digest(), arm64.size(), arm64.layers()));
        assertThat(manifest.platforms()).extracting(Platform::digest).doesNotContain(ociIndex.attestationDigest());
        assertThat(manifest.platform("linux", "arm64")).get().extracting(Platform::name).isEqualTo("linux/arm64/v8");
    }

    @Test
    void anIndexDescribesItsLinuxAmd64ImageAtTheTopLevel() {
        ImageManifest manifest = client.inspect(registry.endpoint(), "apps/multi", "1.0");

        PushedImage amd64 = ociIndex.platform("amd64");
        assertThat(manifest.architecture()).isEqualTo("amd64");
        assertThat(manifest.os()).isEqualTo("linux");
        assertThat(manifest.created()).isEqualTo(amd64.spec().created());
        assertThat(manifest.layers()).isEqualTo(amd64.layers());
        assertThat(manifest.size()).isEqualTo(amd64.size());
    }

    @Test
    void inspectReadsADockerManifestList() {
        ImageManifest manifest = client.inspect(registry.endpoint(), "apps/list", "1.0");

        PushedImage amd64 = dockerList.platform("amd64");
        PushedImage arm64 = dockerList.platform("arm64");
        assertThat(manifest.digest()).isEqualTo(dockerList.digest());
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(manifest.platforms()).containsExactly(
                new Platform("linux", "amd64", null, amd64.digest(), amd64.size(), amd64.layers()),
                new Platform("linux", "arm64", "v8", arm64.digest(), arm64.size(), arm64.layers()));
        assertThat(manifest.platforms().get(0).layers())
                .allSatisfy(layer -> assertThat(layer.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER));
    }

    @Test
    void headOfAnIndexAnswersTheIndexDigest() {
        ManifestHead head = client.head(registry.endpoint(), "apps/list", "1.0");

        assertThat(head.digest()).isEqualTo(dockerList.digest());
        assertThat(head.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    }

    @Test
    void tagsListsEveryTagSorted() {
        List<String> tags = client.tags(registry.endpoint(), "apps/many");

        assertThat(tags).hasSize(250).isSorted().isEqualTo(manyTags);
    }

    @Test
    void tagsStopAtMaxTags() {
        try (RegistryClient capped = LoopbackClients.builder().maxTags(100).build()) {
            List<String> tags = capped.tags(registry.endpoint(), "apps/many");

            assertThat(tags).hasSize(100).isSorted().doesNotHaveDuplicates();
            assertThat(tags).allSatisfy(tag -> assertThat(manyTags).contains(tag));
        }
    }

    @Test
    void aRepushMovesTheTagToANewDigest() {
        TestImages images = registry.images();
        PushedImage first = images.pushOciImage("apps/moving", "stable");
        String before = client.head(registry.endpoint(), "apps/moving", "stable").digest();

        PushedImage second = images.repush("apps/moving", "stable");
        String after = client.head(registry.endpoint(), "apps/moving", "stable").digest();

        assertThat(before).isEqualTo(first.digest());
        assertThat(after).isEqualTo(second.digest()).isNotEqualTo(before);
        assertThat(client.inspect(registry.endpoint(), "apps/moving", "stable").layers()).isEqualTo(second.layers());
    }

    @Test
    void anUnknownTagIsNotFound() {
        RegistryException head = catchThrowableOfType(RegistryException.class,
                () -> client.head(registry.endpoint(), "apps/oci", "nope"));
        RegistryException inspect = catchThrowableOfType(RegistryException.class,
                () -> client.inspect(registry.endpoint(), "apps/oci", "nope"));

        assertThat(head.code()).isEqualTo(RegistryErrorCode.NOT_FOUND);
        assertThat(head.httpStatus()).isEqualTo(404);
        assertThat(inspect.code()).isEqualTo(RegistryErrorCode.NOT_FOUND);
        assertThat(inspect.transientFailure()).isFalse();
        assertThat(inspect).hasMessage("registry " + registry.authority()
                + " answered 404 MANIFEST_UNKNOWN for apps/oci:nope");
    }

    @Test
    void anUnknownRepositoryIsNotFound() {
        RegistryException inspect = catchThrowableOfType(RegistryException.class,
                () -> client.inspect(registry.endpoint(), "nobody/here", "latest"));
        RegistryException tags = catchThrowableOfType(RegistryException.class,
                () -> client.tags(registry.endpoint(), "nobody/here"));

        assertThat(inspect.code()).isEqualTo(RegistryErrorCode.NOT_FOUND);
        assertThat(inspect.getMessage()).contains("UNKNOWN for nobody/here:latest");
        assertThat(tags.code()).isEqualTo(RegistryErrorCode.NOT_FOUND);
        assertThat(tags).hasMessageContaining("NAME_UNKNOWN for tags of nobody/here");
    }

    @Test
    void pingOfARunningRegistryIsHealthy() {
        assertThat(client.ping(registry.endpoint())).isEqualTo(RegistryHealth.HEALTHY);
    }

    @Test
    void pingOfAClosedPortIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RegistryEndpoint nothing = RegistryEndpoint.insecure("http://127.0.0.1:" + closedPort);

        assertThat(client.ping(nothing)).isEqualTo(RegistryHealth.UNREACHABLE);
        RegistryException head = catchThrowableOfType(RegistryException.class, () -> client.head(nothing, "a/b", "1"));
        assertThat(head.code()).isEqualTo(RegistryErrorCode.NETWORK);
        assertThat(head.transientFailure()).isTrue();
        assertThat(head.httpStatus()).isNull();
    }

    @Test
    void aSecondInspectOfTheSameContentMakesNoBlobRequest() {
        RequestLog log = new RequestLog();
        try (RegistryClient counting = LoopbackClients.builder().requestListener(log).build()) {
            counting.inspect(registry.endpoint(), "apps/oci", "1.0");
            assertThat(log.count("/blobs/")).isEqualTo(1);
            log.clear();

            ImageManifest again = counting.inspect(registry.endpoint(), "apps/oci", "1.0");

            assertThat(again.architecture()).isEqualTo("amd64");
            assertThat(log.entries()).extracting(RequestLog.Entry::path)
                    .containsExactly("/v2/apps/oci/manifests/1.0");
        }
    }

    @Test
    void aSecondInspectOfAnUnchangedIndexCostsOneRequest() {
        RequestLog log = new RequestLog();
        try (RegistryClient counting = LoopbackClients.builder().requestListener(log).build()) {
            counting.inspect(registry.endpoint(), "apps/multi", "1.0");
            assertThat(log.count()).isEqualTo(5);
            log.clear();

            ImageManifest again = counting.inspect(registry.endpoint(), "apps/multi", "1.0");

            assertThat(again.platforms()).hasSize(2);
            assertThat(log.entries()).extracting(RequestLog.Entry::path).containsExactly("/v2/apps/multi/manifests/1.0");
        }
    }

    @Test
    void theListenerHearsOfEveryRequestWithItsAnswer() {
        RequestLog log = new RequestLog();
        try (RegistryClient counting = LoopbackClients.builder().requestListener(log).build()) {
            counting.head(registry.endpoint(), "apps/oci", "1.0");
            catchThrowableOfType(RegistryException.class, () -> counting.head(registry.endpoint(), "apps/oci", "nope"));

            assertThat(log.entries()).containsExactly(
                    new RequestLog.Entry(registry.authority(), "HEAD", "/v2/apps/oci/manifests/1.0", 200),
                    new RequestLog.Entry(registry.authority(), "HEAD", "/v2/apps/oci/manifests/nope", 404));
        }
    }
}
