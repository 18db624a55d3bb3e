package io.theriseunion.imagegateway.registry;

import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import io.theriseunion.imagegateway.registry.testing.PushedImage;
import io.theriseunion.imagegateway.registry.testing.PushedIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client against a real registry that wants Basic authentication (htpasswd). */
class HtpasswdRegistryTests {

    private static final String USER = "gateway";
    private static final String PASSWORD = "s3cret-Pa55word";
    private static final String WRONG_PASSWORD = "not-the-Pa55word";

    private static LocalRegistry registry;
    private static RegistryClient client;
    private static PushedImage image;
    private static PushedIndex index;

    @BeforeAll
    static void pushImages() {
        registry = LocalRegistry.withHtpasswd(USER, PASSWORD);
        client = LoopbackClients.builder().build();
        image = registry.images().pushDockerImage("private/app", "2.1");
        index = registry.images().pushOciIndex("private/multi", "2.1");
    }

    @AfterAll
    static void stopRegistry() {
        if (client != null) {
            client.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void headWithTheRightCredentialsAnswersTheDigest() {
        assertThat(client.head(registry.endpoint(), "private/app", "2.1").digest()).isEqualTo(image.digest());
    }

    @Test
    void inspectWithTheRightCredentialsReadsImagesAndIndexes() {
        ImageManifest single = client.inspect(registry.endpoint(), "private/app", "2.1");
        ImageManifest multi = client.inspect(registry.endpoint(), "private/multi", "2.1");

        assertThat(single.layers()).isEqualTo(image.layers());
        assertThat(single.created()).isEqualTo(image.spec().created());
        assertThat(multi.platforms()).extracting(Platform::name).containsExactly("linux/amd64", "linux/arm64/v8");
        assertThat(multi.digest()).isEqualTo(index.digest());
    }

    @Test
    void tagsWithTheRightCredentials() {
        assertThat(client.tags(registry.endpoint(), "private/app")).containsExactly("2.1");
    }

    @Test
    void aWrongPasswordIsUnauthorizedAndNeverShown() {
        RegistryEndpoint wrong = registry.endpoint(new RegistryCredentials(USER, WRONG_PASSWORD));

        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.inspect(wrong, "private/app", "2.1"));

        assertThat(e.code()).isEqualTo(RegistryErrorCode.UNAUTHORIZED);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.transientFailure()).isFalse();
        assertThat(e).hasMessageContaining("answered 401").hasMessageContaining("refused the stored credentials")
                .hasMessageNotContaining("user '" + USER)
                .hasMessageNotContaining(WRONG_PASSWORD).hasMessageNotContaining(PASSWORD)
                .hasMessageNotContaining("Basic ");
        assertThat(String.valueOf(e.getCause())).doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void noCredentialsIsUnauthorized() {
        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> client.head(registry.endpoint(null), "private/app", "2.1"));

        assertThat(e.code()).isEqualTo(RegistryErrorCode.UNAUTHORIZED);
        assertThat(e).hasMessageContaining("it needs credentials");
    }

    @Test
    void pingTellsWhetherTheCredentialsWork() {
        assertThat(client.ping(registry.endpoint())).isEqualTo(RegistryHealth.HEALTHY);
        assertThat(client.ping(registry.endpoint(new RegistryCredentials(USER, WRONG_PASSWORD))))
                .isEqualTo(RegistryHealth.UNAUTHORIZED);
        assertThat(client.ping(registry.endpoint(null))).isEqualTo(RegistryHealth.UNAUTHORIZED);
    }

    @Test
    void afterTheFirstChallengeCredentialsGoUpFrontSoAHeadIsOneRequest() {
        RequestLog log = new RequestLog();
        try (RegistryClient counting = LoopbackClients.builder().requestListener(log).build()) {
            counting.head(registry.endpoint(), "private/app", "2.1");
            assertThat(log.entries()).extracting(RequestLog.Entry::status).containsExactly(401, 200);
            log.clear();

            counting.head(registry.endpoint(), "private/app", "2.1");

            assertThat(log.entries()).extracting(RequestLog.Entry::status).containsExactly(200);
        }
    }

    @Test
    void oneClientServesManyThreadsAtOnce() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (RegistryClient shared = LoopbackClients.builder().build()) {
            List<Future<String>> digests = new ArrayList<>();
            for (int i = 0; i < threads * 4; i++) {
                boolean index = i % 2 == 0;
                digests.add(pool.submit(() -> {
                    start.await();
                    return index ? shared.inspect(registry.endpoint(), "private/multi", "2.1").digest()
                            : shared.head(registry.endpoint(), "private/app", "2.1").digest();
                }));
            }
            start.countDown();

            for (int i = 0; i < digests.size(); i++) {
                assertThat(digests.get(i).get(30, TimeUnit.SECONDS))
                        .isEqualTo(i % 2 == 0 ? index.digest() : image.digest());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
