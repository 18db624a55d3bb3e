package io.theriseunion.imagegateway.registry;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What inspect accepts and refuses: media types, digests, sizes and broken bodies. */
class ManifestReadingTests {

    private static final String CONFIG = MockContent.config("arm64");
    private static final String MANIFEST = MockContent.ociManifest(CONFIG);
    private static final String MANIFEST_PATH = "/v2/team/app/manifests/1.0";

    private MockRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() {
        registry = MockRegistry.start();
        client = LoopbackClients.builder().maxManifestBytes(4096).build();
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    private RegistryException inspectFails() {
        return catchThrowableOfType(RegistryException.class, () -> client.inspect(registry.endpoint(), "team/app", "1.0"));
    }

    @Test
    void acceptsTheFourManifestTypesAndNeverSchema1() {
        registry.manifest("team/app", "1.0", MediaTypes.OCI_MANIFEST, MANIFEST).blob("team/app", CONFIG);

        ImageManifest manifest = client.inspect(registry.endpoint(), "team/app", "1.0");

        String accept = registry.take().getHeaders().get("Accept");
        assertThat(accept).contains(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST,
                MediaTypes.DOCKER_MANIFEST_LIST).doesNotContain(MediaTypes.DOCKER_SCHEMA1, MediaTypes.DOCKER_SCHEMA1_SIGNED);
        assertThat(manifest.architecture()).isEqualTo("arm64");
        assertThat(manifest.created()).isEqualTo(Instant.parse(MockContent.CREATED));
        assertThat(manifest.layers()).isEqualTo(MockContent.layers());
        assertThat(manifest.size()).isEqualTo(CONFIG.length() + 100 + 250);
    }

    @Test
    void theMediaTypeComesFromTheDocumentWhenTheHeaderIsGeneric() {
        registry.on("GET", MANIFEST_PATH, MockContent.json(MANIFEST)).blob("team/app", CONFIG);

        ImageManifest manifest = client.inspect(registry.endpoint(), "team/app", "1.0");

        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(manifest.digest()).isEqualTo(MockContent.sha256(MANIFEST));
    }

    @Test
    void aSchema1AnswerIsAnUnsupportedMediaType() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder()
                .setHeader("Content-Type", MediaTypes.DOCKER_SCHEMA1_SIGNED)
                .body("{\"schemaVersion\":1,\"name\":\"team/app\",\"tag\":\"1.0\",\"fsLayers\":[]}").build());

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e).hasMessageContaining("schema1");
    }

    @Test
    void aSchema1DocumentUnderAGenericTypeIsAnUnsupportedMediaType() {
        registry.on("GET", MANIFEST_PATH, MockContent.json("{\"schemaVersion\":1,\"name\":\"team/app\",\"fsLayers\":[]}"));

        assertThat(inspectFails().code()).isEqualTo(RegistryErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void anArtifactManifestTypeIsAnUnsupportedMediaType() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder()
                .setHeader("Content-Type", "application/vnd.oci.artifact.manifest.v1+json").body("{}").build());

        assertThat(inspectFails().code()).isEqualTo(RegistryErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aManifestThatDoesNotMatchItsDigestHeaderIsADigestMismatch() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                .setHeader("Docker-Content-Digest", MockContent.sha256("something else")).body(MANIFEST).build());

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.DIGEST_MISMATCH);
        assertThat(e).hasMessageContaining(MockContent.sha256("something else"))
                .hasMessageContaining(MockContent.sha256(MANIFEST));
    }

    @Test
    void aManifestThatDoesNotMatchTheRequestedDigestIsADigestMismatch() {
        String requested = MockContent.sha256("the manifest we asked for");
        registry.on("GET", "/v2/team/app/manifests/" + requested, new MockResponse.Builder()
                .setHeader("Content-Type", MediaTypes.OCI_MANIFEST).body(MANIFEST).build());

        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.inspect(registry.endpoint(), "team/app", requested));

        assertThat(e.code()).isEqualTo(RegistryErrorCode.DIGEST_MISMATCH);
        assertThat(e).hasMessageContaining("team/app@" + requested);
    }

    @Test
    void aConfigBlobThatDoesNotMatchItsDigestIsADigestMismatch() {
        registry.manifest("team/app", "1.0", MediaTypes.OCI_MANIFEST, MANIFEST)
                .on("GET", "/v2/team/app/blobs/" + MockContent.sha256(CONFIG), MockContent.json(MockContent.config("s390x")));

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.DIGEST_MISMATCH);
        assertThat(e).hasMessageContaining("config blob " + MockContent.sha256(CONFIG));
    }

    @Test
    void malformedJsonIsAnInvalidManifest() {
        String broken = "{\"schemaVersion\":2,\"config\":{\"digest\":";
        registry.on("GET", MANIFEST_PATH, MockContent.manifest(broken, MediaTypes.OCI_MANIFEST));

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.INVALID_MANIFEST);
        assertThat(e).hasMessageContaining("not valid JSON");
    }

    @Test
    void aManifestWithoutConfigIsAnInvalidManifest() {
        String noConfig = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"layers\":[]}";
        registry.on("GET", MANIFEST_PATH, MockContent.manifest(noConfig, MediaTypes.OCI_MANIFEST));

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.INVALID_MANIFEST);
        assertThat(e).hasMessage("manifest team/app:1.0 has no config");
    }

    @Test
    void aTruncatedBodyIsAnInvalidManifest() {
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                .body(MANIFEST).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.INVALID_MANIFEST);
        assertThat(e).hasMessageContaining("was cut off");
    }

    @Test
    void aManifestAnnouncedLargerThanTheLimitIsRefusedBeforeReadingIt() {
        Buffer huge = new Buffer().write(new byte[1024 * 1024]);
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                .body(huge).build());

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.INVALID_MANIFEST);
        assertThat(e).hasMessage("registry " + registry.authority() + " announced 1048576 bytes for team/app:1.0,"
                + " more than the limit of 4096 bytes");
    }

    @Test
    void aChunkedManifestLargerThanTheLimitIsRefusedWhileReading() {
        Buffer huge = new Buffer().write(new byte[64 * 1024]);
        registry.on("GET", MANIFEST_PATH, new MockResponse.Builder().setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                .chunkedBody(huge, 1024).build());

        RegistryException e = inspectFails();

        assertThat(e.code()).isEqualTo(RegistryErrorCode.INVALID_MANIFEST);
        assertThat(e).hasMessageContaining("sent more than 4096 bytes");
    }

    @Test
    void anArtifactConfigIsNotFetched() {
        String artifactConfig = "{}";
        String manifest = MockContent.imageManifest(MediaTypes.OCI_MANIFEST, "application/vnd.cncf.helm.config.v1+json",
                artifactConfig, MockContent.layers());
        registry.manifest("team/app", "1.0", MediaTypes.OCI_MANIFEST, manifest);

        ImageManifest inspected = client.inspect(registry.endpoint(), "team/app", "1.0");

        assertThat(inspected.architecture()).isNull();
        assertThat(inspected.created()).isNull();
        assertThat(inspected.layers()).hasSize(2);
        assertThat(registry.requestCount()).isEqualTo(1);
    }

    @Test
    void headWithoutDigestHeaderFallsBackToReadingTheManifest() {
        registry.on("HEAD", MANIFEST_PATH, new MockResponse.Builder().setHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                .build());
        registry.on("GET", MANIFEST_PATH, MockContent.json(MANIFEST));

        ManifestHead head = client.head(registry.endpoint(), "team/app", "1.0");

        assertThat(head).isEqualTo(new ManifestHead(MockContent.sha256(MANIFEST), MediaTypes.OCI_MANIFEST,
                MANIFEST.length()));
        assertThat(registry.drain()).extracting(RecordedRequest::getMethod).containsExactly("HEAD", "GET");
    }

    @Test
    void anIndexWithoutLinuxAmd64LeavesTheTopLevelEmpty() {
        String child = MockContent.ociManifest(CONFIG);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + MockContent.sha256(child) + "\",\"size\":" + child.length()
                + ",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}}]}";
        registry.manifest("team/app", "1.0", MediaTypes.OCI_INDEX, index)
                .manifest("team/app", "child", MediaTypes.OCI_MANIFEST, child)
                .blob("team/app", CONFIG);

        ImageManifest inspected = client.inspect(registry.endpoint(), "team/app", "1.0");

        assertThat(inspected.architecture()).isNull();
        assertThat(inspected.created()).isNull();
        assertThat(inspected.size()).isZero();
        assertThat(inspected.layers()).isEmpty();
        assertThat(inspected.platforms()).containsExactly(new Platform("linux", "arm64", "v8",
                MockContent.sha256(child), CONFIG.length() + 350, MockContent.layers()));
    }
}
