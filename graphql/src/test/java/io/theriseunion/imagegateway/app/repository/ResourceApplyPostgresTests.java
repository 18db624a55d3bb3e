package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.support.TestPostgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The same YAML import contract on the {@code postgres} profile, against a real PostgreSQL (with a key for secrets). */
@ActiveProfiles("postgres")
@TestPropertySource(properties = "gateway.credentials.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
class ResourceApplyPostgresTests extends ResourceApplyContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "resourceapply");
    }
}
