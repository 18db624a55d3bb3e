package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.support.TestPostgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Syncs on the {@code postgres} profile, against a real PostgreSQL. */
@ActiveProfiles("postgres")
@TestPropertySource(properties = "gateway.credentials.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
class SyncPostgresTests extends SyncContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "sync");
    }
}
