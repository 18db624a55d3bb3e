package io.theriseunion.imagegateway.registry;

import okhttp3.Response;

import java.time.Clock;

import static io.theriseunion.imagegateway.registry.RegistryErrorCode.DIGEST_MISMATCH;

/**
 * Reads image config blobs ({@code GET /v2/<name>/blobs/<digest>}), checks them against their digest, and
 * keeps them by digest: the same content is never fetched twice while it stays in the cache.
 */
final class ConfigReader {

    private final RegistryHttp http;
    private final long maxBytes;
    private final Clock clock;
    private final BoundedCache<String, ImageConfig> cache;

    ConfigReader(RegistryHttp http, long maxBytes, Clock clock, int capacity) {
        this.http = http;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.cache = new BoundedCache<>(capacity);
    }

    /** The image config the descriptor points at; {@link ImageConfig#NONE} for configs of other artifacts. */
    ImageConfig read(RegistryEndpoint endpoint, String repository, Descriptor config, Deadline deadline) {
        if (!MediaTypes.isImageConfig(config.mediaType())) {
            return ImageConfig.NONE;
        }
        ImageConfig cached = cache.get(config.digest());
        if (cached != null) {
            return cached;
        }
        ImageConfig read = fetch(endpoint, repository, config.digest(), deadline);
        cache.put(config.digest(), read);
        return read;
    }

    private ImageConfig fetch(RegistryEndpoint endpoint, String repository, String digest, Deadline deadline) {
        RegistryRequest request = RegistryRequest.get(endpoint, RegistryUrls.blob(endpoint, repository, digest),
                RegistryRequest.pullScope(repository), null, "config blob " + digest + " of " + repository, deadline);
        byte[] bytes;
        try (Response response = http.exchange(request)) {
            if (!response.isSuccessful()) {
                throw Failures.fromResponse(response, request, clock);
            }
            bytes = BodyReader.read(response, maxBytes, request);
        }
        if (!Digests.supported(digest) || !Digests.matches(digest, bytes)) {
            throw new RegistryException(DIGEST_MISMATCH, request.subject() + " from registry " + request.authority()
                    + " does not match its digest (its bytes hash to " + Digests.sha256(bytes) + ")");
        }
        return Json.read(bytes, ImageConfig.class, request.subject());
    }
}
