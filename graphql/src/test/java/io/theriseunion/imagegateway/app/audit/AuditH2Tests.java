package io.theriseunion.imagegateway.app.audit;

import org.springframework.test.context.TestPropertySource;

/** The audit log on the embedded default. */
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:audit;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class AuditH2Tests extends AuditContract {
}
