package io.theriseunion.imagegateway.registry;

import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.PushedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The create panel's pickers and the signature lookup against a real registry (Debian's docker-registry 2.8): the
 * catalogue paged with n/last and its Link header, tags paged by the client (2.8 returns them all), the search
 * filter, and cosign's {@code sha256-<hex>.sig} tag. 2.8 has no referrers API: it answers 404.
 */
class BrowsingTests {

    static LocalRegistry registry;
    static RegistryClient client;
    static PushedImage signed;
    static PushedImage unsigned;

    @BeforeAll
    static void start() {
        registry = LocalRegistry.anonymous();
        for (String name : List.of("alpha/app", "beta/api", "beta/web", "gamma/app-tools", "delta/db")) {
            registry.images().pushOciImage(name, "1.0");
        }
        registry.images().pushTags("beta/api", 5);
        signed = registry.images().pushOciImage("sig/signed", "v1");
        registry.images().pushOciImage("sig/signed", Signatures.cosignTag(signed.digest()));
        unsigned = registry.images().pushOciImage("sig/unsigned", "v1");
        client = LoopbackClients.builder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
        registry.close();
    }

    @Test
    void theCatalogueIsPagedWithItsCursor() {
        // Debian's 2.8 pages its catalogue with n, last and a Link header; the page asks for one name more than it
        // shows, so a left-over name tells that there is more
        NamePage first = client.catalog(registry.endpoint(), 3, null, null, null);
        assertThat(first.names()).containsExactly("alpha/app", "beta/api", "beta/web");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.endCursor()).isEqualTo("beta/web");

        NamePage second = client.catalog(registry.endpoint(), 3, first.endCursor(), null, null);
        assertThat(second.names()).containsExactly("delta/db", "gamma/app-tools".toLowerCase().equals("x") ? "" : "gamma/app-tools", "sig/signed")
                                  .isNotEmpty();
    }

    @Test
    void theLastCataloguePageSaysThereIsNoMore() {
        NamePage all = client.catalog(registry.endpoint(), 100, null, null, null);
        assertThat(all.names()).containsExactly("alpha/app", "beta/api", "beta/web", "delta/db", "gamma/app-tools",
                                                "sig/signed", "sig/unsigned");
        assertThat(all.hasNextPage()).isFalse();
        NamePage exactly = client.catalog(registry.endpoint(), 7, null, null, null);
        assertThat(exactly.names()).hasSize(7);
        assertThat(exactly.hasNextPage()).isFalse();
    }

    @Test
    void aSearchKeepsNamesContainingItIgnoringCase() {
        NamePage page = client.catalog(registry.endpoint(), 1, null, "BETA", null);
        assertThat(page.names()).containsExactly("beta/api");
        assertThat(page.hasNextPage()).isTrue();

        NamePage next = client.catalog(registry.endpoint(), 5, page.endCursor(), "BETA", null);
        assertThat(next.names()).containsExactly("beta/web");
        assertThat(next.hasNextPage()).isFalse();
    }

    @Test
    void tagsArePagedEvenWhereTheRegistryReturnsThemAll() {
        NamePage first = client.tagPage(registry.endpoint(), "beta/api", 2, null, null, null);
        assertThat(first.names()).containsExactly("1.0", "tag-0001");
        assertThat(first.hasNextPage()).isTrue();

        NamePage rest = client.tagPage(registry.endpoint(), "beta/api", 10, first.endCursor(), null, null);
        assertThat(rest.names()).containsExactly("tag-0002", "tag-0003", "tag-0004", "tag-0005");
        assertThat(rest.hasNextPage()).isFalse();

        assertThat(client.tagPage(registry.endpoint(), "beta/api", 10, null, "0003", null).names())
                .containsExactly("tag-0003");
    }

    @Test
    void aCosignSignatureTagIsFoundInTheTagList() {
        assertThat(Signatures.signedByTag(client.tags(registry.endpoint(), "sig/signed"), signed.digest())).isTrue();
        assertThat(Signatures.signedByTag(client.tags(registry.endpoint(), "sig/unsigned"), unsigned.digest()))
                .isFalse();
    }

    @Test
    void aRegistryWithoutTheReferrersApiAnswersNotFound() {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.referrers(registry.endpoint(), "sig/unsigned", unsigned.digest(), null));
        assertThat(e.code()).isEqualTo(RegistryErrorCode.NOT_FOUND);
    }
}
