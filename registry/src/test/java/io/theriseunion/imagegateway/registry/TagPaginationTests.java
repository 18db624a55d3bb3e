package io.theriseunion.imagegateway.registry;

import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tag lists in pages linked by {@code Link: <...>; rel="next"}. Debian's registry 2.8 does not page tag lists,
 * so the pages come from a MockWebServer.
 */
class TagPaginationTests {

    private static final String TAGS_PATH = "/v2/team/app/tags/list";

    private MockRegistry registry;

    @BeforeEach
    void start() {
        registry = MockRegistry.start();
        registry.on("GET", TAGS_PATH, request -> switch (String.valueOf(request.getUrl().queryParameter("last"))) {
            case "null" -> page("[\"v3\",\"v1\"]", "<" + TAGS_PATH + "?n=2&last=v1>; rel=\"next\"");
            case "v1" -> page("[\"v5\",\"v2\"]", "<" + registry.url(TAGS_PATH + "?n=2&last=v2") + ">; rel=\"next\"");
            case "v2" -> page("[\"v4\"]", null);
            default -> MockContent.status(400);
        });
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static MockResponse page(String tags, String link) {
        MockResponse.Builder page = new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("{\"name\":\"team/app\",\"tags\":" + tags + "}");
        return link == null ? page.build() : page.setHeader("Link", link).build();
    }

    @Test
    void followsNextLinksAndSortsTheTags() {
        try (RegistryClient client = LoopbackClients.builder().build()) {
            List<String> tags = client.tags(registry.endpoint(), "team/app");

            assertThat(tags).containsExactly("v1", "v2", "v3", "v4", "v5");
            assertThat(registry.drain()).extracting(r -> r.getUrl().queryParameter("last"))
                    .containsExactly(null, "v1", "v2");
        }
    }

    @Test
    void stopsAskingOnceMaxTagsAreCollected() {
        try (RegistryClient client = LoopbackClients.builder().maxTags(3).build()) {
            List<String> tags = client.tags(registry.endpoint(), "team/app");

            assertThat(tags).containsExactly("v1", "v3", "v5");
            assertThat(registry.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void aLinkBackToAVisitedPageEndsTheList() {
        registry.on("GET", TAGS_PATH, page("[\"only\"]", "<" + TAGS_PATH + ">; rel=\"next\""));
        try (RegistryClient client = LoopbackClients.builder().build()) {
            assertThat(client.tags(registry.endpoint(), "team/app")).containsExactly("only");
            assertThat(registry.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aRepositoryWithoutTagsHasAnEmptyList() {
        registry.on("GET", TAGS_PATH, page("null", null));
        try (RegistryClient client = LoopbackClients.builder().build()) {
            assertThat(client.tags(registry.endpoint(), "team/app")).isEmpty();
        }
    }

    @Test
    void aNextPageOnAnotherOriginIsNotFollowed() {
        try (MockRegistry elsewhere = MockRegistry.start();
             RegistryClient client = LoopbackClients.builder().build()) {
            registry.on("GET", TAGS_PATH, request -> request.getHeaders().get("Authorization") == null
                    ? new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Basic realm=\"mock\"").build()
                    : page("[\"a\"]", "<http://localhost:" + elsewhere.port() + "/more>; rel=\"next\""));
            elsewhere.on("GET", "/more", page("[\"b\"]", null));

            RegistryException e = catchThrowableOfType(RegistryException.class,
                    () -> client.tags(registry.endpoint(new RegistryCredentials("robot", "pw")), "team/app"));

            assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ERROR);
            assertThat(e).hasMessage("registry " + registry.authority() + " linked the next page of tags of team/app"
                    + " to another origin (http://localhost:" + elsewhere.port() + "); tag pages are only read from"
                    + " the registry's own origin");
            assertThat(elsewhere.requestCount()).isZero();
        }
    }

    @Test
    void endlessEmptyPagesWithFreshLinksFailAsLimitExceededAfterTheLastAllowedPage() {
        AtomicInteger page = new AtomicInteger();
        registry.on("GET", TAGS_PATH, request -> page("[]", "<" + TAGS_PATH + "?last=" + page.incrementAndGet()
                + ">; rel=\"next\""));
        try (RegistryClient client = LoopbackClients.builder().maxTagPages(5)
                .limitSettingPrefix("gateway.registry.limits.").build()) {
            RegistryException e = catchThrowableOfType(RegistryException.class,
                    () -> client.tags(registry.endpoint(), "team/app"));

            assertThat(e.code()).isEqualTo(RegistryErrorCode.LIMIT_EXCEEDED);
            assertThat(e.transientFailure()).isFalse();
            assertThat(e).hasMessage("registry " + registry.authority() + " sent more than 5 tag-list pages for tags"
                    + " of team/app; the limit is gateway.registry.limits.tag-pages = 5");
        }
        assertThat(registry.requestCount()).isEqualTo(5);
    }

    @Test
    void theDefaultClientStopsEndlessPagesToo() {
        AtomicInteger page = new AtomicInteger();
        registry.on("GET", TAGS_PATH, request -> page("[]", "<" + TAGS_PATH + "?last=" + page.incrementAndGet()
                + ">; rel=\"next\""));
        try (RegistryClient client = LoopbackClients.builder().build()) {
            RegistryException e = catchThrowableOfType(RegistryException.class,
                    () -> client.tags(registry.endpoint(), "team/app"));

            assertThat(e.code()).isEqualTo(RegistryErrorCode.LIMIT_EXCEEDED);
        }
        assertThat(registry.requestCount()).isEqualTo(100);
    }
}
