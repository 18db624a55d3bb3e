package io.theriseunion.imagegateway.graphql.repository;

import org.springframework.test.context.TestPropertySource;

/** The repository list screen's contract on the embedded default: an H2 database. */
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:list;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class RepositoryListH2Tests extends RepositoryListContract {
}
