package io.theriseunion.imagegateway.registry;

import okhttp3.HttpUrl;

/** The distribution API's paths; names and references are checked before they get here. */
final class RegistryUrls {

    private RegistryUrls() {
    }

    static HttpUrl apiRoot(RegistryEndpoint endpoint) {
        return Origins.base(endpoint).newBuilder().encodedPath("/v2/").build();
    }

    static HttpUrl manifest(RegistryEndpoint endpoint, String repository, String reference) {
        return repositoryUrl(endpoint, repository).addPathSegment("manifests").addPathSegment(reference).build();
    }

    static HttpUrl blob(RegistryEndpoint endpoint, String repository, String digest) {
        return repositoryUrl(endpoint, repository).addPathSegment("blobs").addPathSegment(digest).build();
    }

    static HttpUrl tags(RegistryEndpoint endpoint, String repository) {
        return repositoryUrl(endpoint, repository).addPathSegment("tags").addPathSegment("list").build();
    }

    static HttpUrl catalog(RegistryEndpoint endpoint) {
        return Origins.base(endpoint).newBuilder().encodedPath("/v2/_catalog").build();
    }

    static HttpUrl referrers(RegistryEndpoint endpoint, String repository, String digest) {
        return repositoryUrl(endpoint, repository).addPathSegment("referrers").addPathSegment(digest).build();
    }

    private static HttpUrl.Builder repositoryUrl(RegistryEndpoint endpoint, String repository) {
        return Origins.base(endpoint).newBuilder().encodedPath("/v2/").addPathSegments(repository);
    }
}
