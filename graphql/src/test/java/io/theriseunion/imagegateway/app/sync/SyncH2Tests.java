package io.theriseunion.imagegateway.app.sync;

import org.springframework.test.context.TestPropertySource;

/** Syncs on the embedded default. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:sync;DB_CLOSE_DELAY=-1")
class SyncH2Tests extends SyncContract {
}
