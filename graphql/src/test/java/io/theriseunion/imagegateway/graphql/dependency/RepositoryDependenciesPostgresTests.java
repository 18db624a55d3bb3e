package io.theriseunion.imagegateway.graphql.dependency;

import io.theriseunion.imagegateway.support.TestPostgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Dependencies on the {@code postgres} profile, against a real PostgreSQL. */
@ActiveProfiles("postgres")
@TestPropertySource(properties = "gateway.credentials.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
class RepositoryDependenciesPostgresTests extends RepositoryDependenciesContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "dependencies");
    }
}
