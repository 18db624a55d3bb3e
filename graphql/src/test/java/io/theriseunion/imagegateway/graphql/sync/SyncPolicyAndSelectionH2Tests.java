package io.theriseunion.imagegateway.graphql.sync;

import org.springframework.test.context.TestPropertySource;

/** Sync policy edits and selection batches on the embedded default: an H2 database. */
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:selection;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class SyncPolicyAndSelectionH2Tests extends SyncPolicyAndSelectionContract {
}
