package io.theriseunion.imagegateway.registry;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Redirects are followed a bounded number of times, and credentials never follow them to another host. */
class RedirectTests {

    private static final RegistryCredentials CREDENTIALS = new RegistryCredentials("robot", "redirect-s3cret");
    private static final String CONFIG = MockContent.config("amd64");
    private static final String MANIFEST = MockContent.ociManifest(CONFIG);
    private static final String BLOB_PATH = "/v2/team/app/blobs/" + MockContent.sha256(CONFIG);

    private MockRegistry registry;
    private MockRegistry storage;
    private RegistryClient client;
    private final RequestLog log = new RequestLog();

    @BeforeEach
    void start() {
        registry = MockRegistry.start();
        storage = MockRegistry.start();
        client = LoopbackClients.builder().maxRedirects(3).requestListener(log).build();
        registry.on("GET", "/v2/team/app/manifests/1.0", request -> request.getHeaders().get("Authorization") == null
                ? new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Basic realm=\"mock\"").build()
                : MockContent.manifest(MANIFEST, MediaTypes.OCI_MANIFEST));
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
        storage.close();
    }

    private static MockResponse redirectTo(String location) {
        return new MockResponse.Builder().code(307).setHeader("Location", location).build();
    }

    @Test
    void aRedirectToAnotherHostDropsTheAuthorization() {
        String storageUrl = "http://localhost:" + storage.port() + "/bucket/config?signature=abc";
        registry.on("GET", BLOB_PATH, redirectTo(storageUrl));
        storage.on("GET", "/bucket/config", MockContent.json(CONFIG));

        ImageManifest manifest = client.inspect(registry.endpoint(CREDENTIALS), "team/app", "1.0");

        assertThat(manifest.architecture()).isEqualTo("amd64");
        List<RecordedRequest> toRegistry = registry.drain();
        assertThat(toRegistry).extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/v2/team/app/manifests/1.0", "/v2/team/app/manifests/1.0", BLOB_PATH);
        assertThat(toRegistry.get(2).getHeaders().get("Authorization")).startsWith("Basic ");
        RecordedRequest toStorage = storage.take();
        assertThat(toStorage.getHeaders().get("Authorization")).isNull();
        // a redirect target is counted as "other": a registry cannot grow the set of hosts in metrics
        assertThat(log.entries()).extracting(RequestLog.Entry::host).containsExactly(registry.authority(),
                registry.authority(), registry.authority(), "other");
        assertThat(log.entries().get(3).path()).isEqualTo("/bucket/config");
    }

    @Test
    void aRedirectOnTheSameHostKeepsTheAuthorization() {
        registry.on("GET", BLOB_PATH, redirectTo("/mirror/config"));
        registry.on("GET", "/mirror/config", MockContent.json(CONFIG));

        client.inspect(registry.endpoint(CREDENTIALS), "team/app", "1.0");

        List<RecordedRequest> requests = registry.drain();
        assertThat(requests.get(requests.size() - 1).getUrl().encodedPath()).isEqualTo("/mirror/config");
        assertThat(requests.get(requests.size() - 1).getHeaders().get("Authorization")).startsWith("Basic ");
    }

    @Test
    void aRedirectLoopStopsAtMaxRedirects() {
        registry.on("GET", BLOB_PATH, redirectTo(BLOB_PATH));

        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.inspect(registry.endpoint(CREDENTIALS), "team/app", "1.0"));

        assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ERROR);
        assertThat(e).hasMessage("registry " + registry.authority() + " redirected more than 3 times for config blob "
                + MockContent.sha256(CONFIG) + " of team/app");
        assertThat(log.count(BLOB_PATH)).isEqualTo(4);
    }

    @Test
    void credentialsAreNotSentToARedirectTargetThatRedirectsBack() {
        registry.on("GET", BLOB_PATH, request -> request.getUrl().queryParameter("back") == null
                ? redirectTo("http://localhost:" + storage.port() + "/bounce")
                : MockContent.json(CONFIG));
        storage.on("GET", "/bounce", redirectTo(registry.url(BLOB_PATH + "?back=1").toString()));

        client.inspect(registry.endpoint(CREDENTIALS), "team/app", "1.0");

        List<RecordedRequest> toRegistry = registry.drain();
        RecordedRequest back = toRegistry.get(toRegistry.size() - 1);
        assertThat(back.getUrl().queryParameter("back")).isEqualTo("1");
        assertThat(back.getHeaders().get("Authorization")).isNull();
    }
}
