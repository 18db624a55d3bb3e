package io.theriseunion.imagegateway.graphql.registrysource;

import org.springframework.test.context.TestPropertySource;

/** Registry sources on the embedded default (shares the H2 context of the catalogue contract). */
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:catalogue;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class RegistrySourceH2Tests extends RegistrySourceContract {
}
