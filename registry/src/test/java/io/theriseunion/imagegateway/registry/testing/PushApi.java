package io.theriseunion.imagegateway.registry.testing;

import io.theriseunion.imagegateway.registry.RegistryCredentials;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The push side of the distribution API: blob uploads ({@code POST .../blobs/uploads/}, then
 * {@code PUT <Location>&digest=}) and manifest puts with the manifest's media type as Content-Type.
 */
final class PushApi {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private final HttpUrl registry;
    private final String authorization;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();

    PushApi(URI registry, RegistryCredentials credentials) {
        this.registry = HttpUrl.get(registry.toString());
        this.authorization = credentials == null ? null
                : Credentials.basic(credentials.username(), credentials.secret(), StandardCharsets.UTF_8);
    }

    /** Uploads a blob; returns its digest. */
    String pushBlob(String repository, byte[] content) {
        String digest = ImageDocuments.sha256(content);
        HttpUrl uploads = repositoryUrl(repository).addPathSegments("blobs/uploads/").build();
        String location;
        try (Response started = call(new Request.Builder().url(uploads).post(RequestBody.create(new byte[0], null)))) {
            expect(started, 202, "start a blob upload to " + repository);
            location = started.header("Location");
        }
        HttpUrl target = location == null ? null : uploads.resolve(location);
        if (target == null) {
            throw new IllegalStateException("the upload Location '" + location + "' is not a URL");
        }
        // addQueryParameter appends with '&' when the Location already has a query (distribution's _state)
        HttpUrl put = target.newBuilder().addQueryParameter("digest", digest).build();
        try (Response finished = call(new Request.Builder().url(put).put(RequestBody.create(content, OCTET_STREAM)))) {
            expect(finished, 201, "finish the upload of " + digest + " to " + repository);
        }
        return digest;
    }

    /** Puts a manifest under a tag or digest; returns the digest the registry answered, checked against the bytes. */
    String pushManifest(String repository, String reference, String mediaType, byte[] manifest) {
        HttpUrl url = repositoryUrl(repository).addPathSegment("manifests").addPathSegment(reference).build();
        try (Response response = call(new Request.Builder().url(url)
                .put(RequestBody.create(manifest, MediaType.get(mediaType))))) {
            expect(response, 201, "push manifest " + repository + ":" + reference);
            String digest = response.header("Docker-Content-Digest");
            if (!ImageDocuments.sha256(manifest).equals(digest)) {
                throw new IllegalStateException("the registry stored " + repository + ":" + reference + " as " + digest
                        + ", not as " + ImageDocuments.sha256(manifest));
            }
            return digest;
        }
    }

    byte[] getManifest(String repository, String digest, String mediaType) {
        HttpUrl url = repositoryUrl(repository).addPathSegment("manifests").addPathSegment(digest).build();
        try (Response response = call(new Request.Builder().url(url).header("Accept", mediaType))) {
            expect(response, 200, "read manifest " + repository + "@" + digest);
            return response.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpUrl.Builder repositoryUrl(String repository) {
        return registry.newBuilder().encodedPath("/v2/").addPathSegments(repository);
    }

    private Response call(Request.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.newCall(request.build()).execute();
        } catch (IOException e) {
            throw new UncheckedIOException("registry " + registry + " did not answer", e);
        }
    }

    private static void expect(Response response, int status, String what) {
        if (response.code() != status) {
            String body;
            try {
                body = response.body().string();
            } catch (IOException e) {
                body = "(unreadable)";
            }
            throw new IllegalStateException("could not " + what + ": " + response.code() + " " + body);
        }
    }
}
