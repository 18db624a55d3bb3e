package io.theriseunion.imagegateway.app.operations;

import io.theriseunion.imagegateway.support.TestPostgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The longest accepted values on a real PostgreSQL, where one failed statement aborts its whole transaction. */
@ActiveProfiles("postgres")
@TestPropertySource(properties = "gateway.credentials.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
class MaximumLengthsPostgresTests extends MaximumLengthsContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "maxlengths");
    }
}
