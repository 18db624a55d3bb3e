package io.theriseunion.imagegateway.registry;

import okhttp3.HttpUrl;
import okhttp3.Response;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.theriseunion.imagegateway.registry.RegistryErrorCode.REGISTRY_ERROR;

/**
 * {@code GET /v2/<name>/tags/list}, following {@code Link: <...>; rel="next"} pages until there are no more or
 * {@link Limits#tags()} tags were collected. At most {@link Limits#tagPages()} pages are read: a registry that
 * links page after page without end fails with {@code LIMIT_EXCEEDED}. A next page must be on the registry's
 * own origin (scheme, host and port), so paging can neither downgrade https to http nor send the client
 * elsewhere.
 */
final class TagLister {

    private final RegistryHttp http;
    private final long maxBytes;
    private final Limits limits;
    private final Clock clock;

    TagLister(RegistryHttp http, long maxBytes, Limits limits, Clock clock) {
        this.http = http;
        this.maxBytes = maxBytes;
        this.limits = limits;
        this.clock = clock;
    }

    /** At most {@code tags} tags, in the order of their names. */
    List<String> tags(RegistryEndpoint endpoint, String repository, Deadline deadline) {
        int maxTags = limits.tags();
        Set<String> tags = new LinkedHashSet<>();
        Set<HttpUrl> visited = new HashSet<>();
        HttpUrl page = RegistryUrls.tags(endpoint, repository);
        while (page != null && tags.size() < maxTags && visited.add(page)) {
            if (visited.size() > limits.tagPages()) {
                throw limits.exceeded(endpoint.authority(), "more than " + limits.tagPages()
                        + " tag-list pages for tags of " + repository, Limits.TAG_PAGES, limits.tagPages());
            }
            RegistryRequest request = RegistryRequest.get(endpoint, page, RegistryRequest.pullScope(repository),
                    "application/json", "tags of " + repository, deadline);
            try (Response response = http.exchange(request)) {
                if (!response.isSuccessful()) {
                    throw Failures.fromResponse(response, request, clock);
                }
                TagList list = Json.read(BodyReader.read(response, maxBytes, request), TagList.class,
                        "tag list of " + repository);
                if (list.tags() != null) {
                    list.tags().stream().filter(References::isTag).limit(maxTags - tags.size()).forEach(tags::add);
                }
                page = sameOrigin(LinkHeader.next(response.headers("Link"), page), request);
            }
        }
        return tags.stream().sorted().toList();
    }

    private static HttpUrl sameOrigin(HttpUrl next, RegistryRequest request) {
        if (next == null || Origins.same(next, Origins.base(request.endpoint()))) {
            return next;
        }
        throw new RegistryException(REGISTRY_ERROR, "registry " + request.authority() + " linked the next page of "
                + request.subject() + " to another origin (" + next.scheme() + "://" + Origins.authority(next)
                + "); tag pages are only read from the registry's own origin");
    }
}
