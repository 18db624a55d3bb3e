package io.theriseunion.imagegateway.app.operations;

import org.springframework.test.context.TestPropertySource;

/** The longest accepted values on the embedded default. */
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:maximum-lengths;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class MaximumLengthsH2Tests extends MaximumLengthsContract {
}
