package io.theriseunion.imagegateway.registry;

import okhttp3.Response;

import java.time.Clock;
import java.util.Set;

import static io.theriseunion.imagegateway.registry.RegistryErrorCode.*;

/**
 * HEAD and GET of {@code /v2/<name>/manifests/<reference>} with every manifest type we read in Accept. A GET
 * is bounded in size, checked against Docker-Content-Digest and against the reference when it is a digest,
 * and refused when it is schema1 or not a manifest at all.
 */
final class ManifestFetcher {

    private static final Set<String> GENERIC_TYPES = Set.of("application/json", "application/octet-stream",
            "text/plain");

    private final RegistryHttp http;
    private final long maxManifestBytes;
    private final Limits limits;
    private final Clock clock;

    ManifestFetcher(RegistryHttp http, long maxManifestBytes, Limits limits, Clock clock) {
        this.http = http;
        this.maxManifestBytes = maxManifestBytes;
        this.limits = limits;
        this.clock = clock;
    }

    ManifestHead head(RegistryEndpoint endpoint, String repository, String reference, Deadline deadline) {
        RegistryRequest request = RegistryRequest.head(endpoint, RegistryUrls.manifest(endpoint, repository, reference),
                RegistryRequest.pullScope(repository), MediaTypes.MANIFEST_ACCEPT, References.display(repository, reference),
                deadline);
        String digest;
        String mediaType;
        long size;
        try (Response response = http.exchange(request)) {
            if (!response.isSuccessful()) {
                throw Failures.fromResponse(response, request, clock);
            }
            mediaType = MediaTypes.essence(response.header("Content-Type"));
            refuseSchema1(mediaType, request);
            digest = response.header("Docker-Content-Digest");
            size = parseLength(response.header("Content-Length"));
        }
        if (digest != null && !References.isDigest(digest)) {
            throw new RegistryException(INVALID_MANIFEST, "registry " + request.authority()
                    + " answered an invalid Docker-Content-Digest for " + request.subject());
        }
        if (digest == null && References.isDigest(reference)) {
            digest = reference;
        }
        if (digest == null || !MediaTypes.isManifest(mediaType)) {
            FetchedManifest fetched = fetch(endpoint, repository, reference, deadline);
            return new ManifestHead(fetched.digest(), fetched.mediaType(), fetched.size());
        }
        return new ManifestHead(digest, mediaType, size);
    }

    FetchedManifest fetch(RegistryEndpoint endpoint, String repository, String reference, Deadline deadline) {
        RegistryRequest request = RegistryRequest.get(endpoint, RegistryUrls.manifest(endpoint, repository, reference),
                RegistryRequest.pullScope(repository), MediaTypes.MANIFEST_ACCEPT, References.display(repository, reference),
                deadline);
        byte[] bytes;
        String contentType;
        String announcedDigest;
        try (Response response = http.exchange(request)) {
            if (!response.isSuccessful()) {
                throw Failures.fromResponse(response, request, clock);
            }
            contentType = MediaTypes.essence(response.header("Content-Type"));
            refuseSchema1(contentType, request);
            announcedDigest = response.header("Docker-Content-Digest");
            bytes = BodyReader.read(response, maxManifestBytes, request);
        }
        String digest = verify(bytes, reference, announcedDigest, request);
        ManifestDocument document = Json.read(bytes, ManifestDocument.class, "manifest " + request.subject());
        String mediaType = mediaType(contentType, document, request);
        if (MediaTypes.isIndex(mediaType)) {
            document.requireIndex(request.subject());
            if (document.manifests().size() > limits.indexEntries()) {
                throw limits.exceeded(request.authority(), "an index of " + document.manifests().size()
                        + " entries for " + request.subject(), Limits.INDEX_ENTRIES, limits.indexEntries());
            }
        } else {
            document.requireImage(request.subject());
            if (document.layers().size() > limits.layersPerManifest()) {
                throw limits.exceeded(request.authority(), "a manifest of " + document.layers().size()
                        + " layers for " + request.subject(), Limits.LAYERS_PER_MANIFEST, limits.layersPerManifest());
            }
        }
        return new FetchedManifest(digest, mediaType, bytes.length, document);
    }

    /** The digest that names these bytes, after checking every digest we were promised. */
    private static String verify(byte[] bytes, String reference, String announced, RegistryRequest request) {
        String expected = References.isDigest(reference) ? reference : null;
        for (String promised : new String[]{expected, announced}) {
            if (promised == null) {
                continue;
            }
            if (!References.isDigest(promised) || !Digests.supported(promised)) {
                throw new RegistryException(INVALID_MANIFEST, "registry " + request.authority()
                        + " named a digest this client cannot check for " + request.subject());
            }
            if (!Digests.matches(promised, bytes)) {
                throw new RegistryException(DIGEST_MISMATCH, "manifest " + request.subject() + " from registry "
                        + request.authority() + " does not match digest " + promised + " (its bytes hash to "
                        + Digests.sha256(bytes) + ")");
            }
        }
        return expected != null ? expected : announced != null ? announced : Digests.sha256(bytes);
    }

    private static String mediaType(String contentType, ManifestDocument document, RegistryRequest request) {
        if (MediaTypes.isManifest(contentType)) {
            return contentType;
        }
        if ((document.schemaVersion() != null && document.schemaVersion() == 1)
                || MediaTypes.isSchema1(document.mediaType())) {
            throw schema1(request);
        }
        if (document.mediaType() != null) {
            if (MediaTypes.isManifest(document.mediaType())) {
                return document.mediaType();
            }
            throw unsupported(document.mediaType(), request);
        }
        if (contentType != null && !GENERIC_TYPES.contains(contentType)) {
            throw unsupported(contentType, request);
        }
        if (document.manifests() != null) {
            return MediaTypes.OCI_INDEX;
        }
        if (document.config() != null) {
            return MediaTypes.OCI_MANIFEST;
        }
        throw new RegistryException(INVALID_MANIFEST, "manifest " + request.subject() + " from registry "
                + request.authority() + " is neither an image manifest nor an index");
    }

    private static void refuseSchema1(String contentType, RegistryRequest request) {
        if (MediaTypes.isSchema1(contentType)) {
            throw schema1(request);
        }
    }

    private static RegistryException schema1(RegistryRequest request) {
        return new RegistryException(UNSUPPORTED_MEDIA_TYPE, "registry " + request.authority()
                + " answered a Docker schema1 manifest for " + request.subject() + "; only schema2 and OCI are read");
    }

    private static RegistryException unsupported(String mediaType, RegistryRequest request) {
        return new RegistryException(UNSUPPORTED_MEDIA_TYPE, "registry " + request.authority() + " answered media type "
                + mediaType + " for " + request.subject() + ", which is not an image manifest or index");
    }

    private static long parseLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
