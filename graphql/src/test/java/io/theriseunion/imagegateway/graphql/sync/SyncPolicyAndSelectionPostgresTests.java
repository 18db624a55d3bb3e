package io.theriseunion.imagegateway.graphql.sync;

import io.theriseunion.imagegateway.support.TestPostgres;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same contract on the {@code postgres} profile, against a real PostgreSQL. */
@ActiveProfiles("postgres")
class SyncPolicyAndSelectionPostgresTests extends SyncPolicyAndSelectionContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "selection");
    }
}
