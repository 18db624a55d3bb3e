package io.theriseunion.imagegateway.registry;

import okhttp3.HttpUrl;
import okhttp3.Response;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v2/<name>/tags/list}, following {@code Link: <...>; rel="next"} pages until there are no more
 * or {@code maxTags} tags were collected. A page link on another origin is followed without credentials.
 */
final class TagLister {

    private final RegistryHttp http;
    private final long maxBytes;
    private final int maxTags;
    private final Clock clock;

    TagLister(RegistryHttp http, long maxBytes, int maxTags, Clock clock) {
        this.http = http;
        this.maxBytes = maxBytes;
        this.maxTags = maxTags;
        this.clock = clock;
    }

    /** At most {@code maxTags} tags, in the order of their names. */
    List<String> tags(RegistryEndpoint endpoint, String repository) {
        Set<String> tags = new LinkedHashSet<>();
        Set<HttpUrl> visited = new HashSet<>();
        HttpUrl page = RegistryUrls.tags(endpoint, repository);
        while (page != null && tags.size() < maxTags && visited.add(page)) {
            RegistryRequest request = RegistryRequest.get(endpoint, page, RegistryRequest.pullScope(repository),
                    "application/json", "tags of " + repository);
            try (Response response = http.exchange(request)) {
                if (!response.isSuccessful()) {
                    throw Failures.fromResponse(response, request, clock);
                }
                TagList list = Json.read(BodyReader.read(response, maxBytes, request), TagList.class,
                        "tag list of " + repository);
                if (list.tags() != null) {
                    list.tags().stream().filter(References::isTag).limit(maxTags - tags.size()).forEach(tags::add);
                }
                page = LinkHeader.next(response.headers("Link"), page);
            }
        }
        return tags.stream().sorted().toList();
    }
}
