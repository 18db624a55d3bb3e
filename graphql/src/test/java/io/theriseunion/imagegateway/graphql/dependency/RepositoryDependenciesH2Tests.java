package io.theriseunion.imagegateway.graphql.dependency;

import org.springframework.test.context.TestPropertySource;

/** Dependencies on the embedded default. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:dependencies;DB_CLOSE_DELAY=-1")
class RepositoryDependenciesH2Tests extends RepositoryDependenciesContract {
}
