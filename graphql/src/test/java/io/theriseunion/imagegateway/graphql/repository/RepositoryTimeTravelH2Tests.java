package io.theriseunion.imagegateway.graphql.repository;

import org.springframework.test.context.TestPropertySource;

/** Time travel on the embedded default. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:time-travel;DB_CLOSE_DELAY=-1")
class RepositoryTimeTravelH2Tests extends RepositoryTimeTravelContract {
}
