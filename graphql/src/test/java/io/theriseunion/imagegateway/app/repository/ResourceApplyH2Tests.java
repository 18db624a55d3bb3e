package io.theriseunion.imagegateway.app.repository;

import org.springframework.test.context.TestPropertySource;

/** The YAML import contract on the embedded default: an H2 database. */
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:resourceapply;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class ResourceApplyH2Tests extends ResourceApplyContract {
}
