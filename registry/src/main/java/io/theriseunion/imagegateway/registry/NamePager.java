package io.theriseunion.imagegateway.registry;

import okhttp3.HttpUrl;
import okhttp3.Response;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Pages of a registry's catalogue ({@code GET /v2/_catalog}) or of a repository's tags
 * ({@code GET /v2/<name>/tags/list}) with the distribution API's {@code n} / {@code last} parameters, asking for one
 * name more than the page holds, so that a name left over tells a next page exists. The cursor is
 * a name: a request asks for the names after it, and only names after it are kept, so a registry that ignores
 * {@code n} and {@code last} (Debian's 2.8 for tags) is paged correctly too, from its whole list. A search filter
 * (case-insensitive substring) may need several registry pages for one page of matches: the registry is asked
 * again while the page is not full and its answer linked a next page ({@code Link: rel="next"}), at most
 * {@link Limits#tagPages()} times; past that the page ends early with {@code hasNextPage} true and its cursor, so the
 * caller continues where it stopped. Nothing follows the Link URL itself: the next request is built on the
 * registry's own origin.
 */
final class NamePager {

    /** Names asked of the registry per request when a search filters them. */
    static final int SEARCH_PAGE = 500;

    private final RegistryHttp http;
    private final long maxBytes;
    private final Limits limits;
    private final Clock clock;

    NamePager(RegistryHttp http, long maxBytes, Limits limits, Clock clock) {
        this.http = http;
        this.maxBytes = maxBytes;
        this.limits = limits;
        this.clock = clock;
    }

    /** The catalogue's repositories after {@code after} (null: from the start) that contain {@code search}. */
    NamePage catalog(RegistryEndpoint endpoint, int first, String after, String search, Deadline deadline) {
        return page(endpoint, RegistryUrls.catalog(endpoint), "registry:catalog:*", "the catalogue", first, after,
                    search, deadline, true);
    }

    /** The repository's tags after {@code after} (null: from the start) that contain {@code search}. */
    NamePage tags(RegistryEndpoint endpoint, String repository, int first, String after, String search,
                  Deadline deadline) {
        return page(endpoint, RegistryUrls.tags(endpoint, repository), RegistryRequest.pullScope(repository),
                    "tags of " + repository, first, after, search, deadline, false);
    }

    private NamePage page(RegistryEndpoint endpoint, HttpUrl base, String scope, String subject, int first,
                          String after, String search, Deadline deadline, boolean catalog) {
        if (first < 1) {
            throw new IllegalArgumentException("first must be at least 1");
        }
        String needle = search == null || search.isEmpty() ? null : search.toLowerCase(Locale.ROOT);
        // one more than the page: a name left over says there is a next page without another request
        int asked = needle == null ? first + 1 : Math.max(first + 1, SEARCH_PAGE);
        List<String> names = new ArrayList<>();
        String cursor = after;
        for (int pages = 1; ; pages++) {
            HttpUrl.Builder url = base.newBuilder().setQueryParameter("n", Integer.toString(asked));
            if (cursor != null) {
                url.setQueryParameter("last", cursor);
            }
            RegistryRequest request = RegistryRequest.get(endpoint, url.build(), scope, "application/json", subject,
                                                          deadline);
            TreeSet<String> answer = new TreeSet<>();
            boolean linked;
            try (Response response = http.exchange(request)) {
                if (!response.isSuccessful()) {
                    throw Failures.fromResponse(response, request, clock);
                }
                NameList list = Json.read(BodyReader.read(response, maxBytes, request), NameList.class, subject);
                List<String> got = catalog ? list.repositories() : list.tags();
                if (got != null) {
                    for (String name : got) {
                        if (name != null && (cursor == null || name.compareTo(cursor) > 0)) {
                            answer.add(name);
                        }
                    }
                }
                linked = LinkHeader.next(response.headers("Link"), request.url()) != null;
            }
            for (String name : answer) {
                if (names.size() == first) {
                    return new NamePage(names, true, cursor);
                }
                cursor = name;
                if (needle == null || name.toLowerCase(Locale.ROOT).contains(needle)) {
                    names.add(name);
                }
            }
            boolean more = linked && !answer.isEmpty();
            if (!more || names.size() == first || pages >= limits.tagPages()) {
                return new NamePage(names, more, cursor);
            }
        }
    }
}
