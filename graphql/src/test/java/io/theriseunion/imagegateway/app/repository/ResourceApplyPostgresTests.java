package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.support.TestPostgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same YAML import contract on the {@code postgres} profile, against a real PostgreSQL. */
@ActiveProfiles("postgres")
class ResourceApplyPostgresTests extends ResourceApplyContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "resourceapply");
    }
}
