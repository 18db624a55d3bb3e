package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.support.TestPostgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Scheduled checks on the {@code postgres} profile, against a real PostgreSQL. */
@ActiveProfiles("postgres")
@TestPropertySource(properties = "gateway.credentials.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
class ScheduledCheckPostgresTests extends ScheduledCheckContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "checks");
    }
}
