package io.theriseunion.imagegateway.graphql.limits;

import io.theriseunion.imagegateway.support.GatewayClient;
import graphql.introspection.Introspection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The prod profile: no introspection, no schema printer; ordinary queries still work. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:prod;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data"})
class IntrospectionOffTests {

    @LocalServerPort
    int port;

    /**
     * Spring Boot turns introspection off for the whole JVM (graphql-java's Introspection.enabledJvmWide): fine for
     * the gateway, which is one application per JVM, but the test JVM goes on to run other gateways.
     */
    @AfterAll
    static void introspectionBackOnForTheOtherTests() {
        Introspection.enabledJvmWide(true);
    }

    @Test
    void introspectionAndTheSchemaPrinterAreOff() {
        GatewayClient.graphQl(port).document("{ __schema { types { name } } }").execute()
                     .errors().satisfy(errors -> assertThat(errors).isNotEmpty());
        GatewayClient.graphQl(port).document("{ me { name } }").execute().path("me.name").entity(String.class)
                     .isEqualTo("admin");
        GatewayClient.anonymousHttp(port).get().uri("/graphql/schema").exchange().expectStatus().is4xxClientError();
    }
}
