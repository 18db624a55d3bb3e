package io.theriseunion.imagegateway.graphql.registrysource;

import org.springframework.test.context.TestPropertySource;

/** The create panel's check, pickers and advisories on the embedded default. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:browse;DB_CLOSE_DELAY=-1")
class RegistryBrowseH2Tests extends RegistryBrowseContract {
}
