package io.theriseunion.imagegateway.app.sync;

import org.springframework.test.context.TestPropertySource;

/** Scheduled checks on the embedded default. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:checks;DB_CLOSE_DELAY=-1")
class ScheduledCheckH2Tests extends ScheduledCheckContract {
}
