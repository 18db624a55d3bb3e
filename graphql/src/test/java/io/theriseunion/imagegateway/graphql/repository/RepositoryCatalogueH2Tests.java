package io.theriseunion.imagegateway.graphql.repository;

import org.springframework.test.context.TestPropertySource;

/** The GraphQL contract on the embedded default: an H2 database. */
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:catalogue;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class RepositoryCatalogueH2Tests extends RepositoryCatalogueContract {
}
