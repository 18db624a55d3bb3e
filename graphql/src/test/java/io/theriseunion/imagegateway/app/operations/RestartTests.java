package io.theriseunion.imagegateway.app.operations;

import io.theriseunion.imagegateway.GatewayApplication;
import io.theriseunion.imagegateway.projections.repository.RepositoryCatalogueProjection;
import io.theriseunion.imagegateway.support.GatewayClient;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.theriseunion.imagegateway.support.GatewayClient.addInput;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps everything across a stop and a start on the same data directory. */
class RestartTests {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--gateway.data-dir=" + data.toAbsolutePath());
    }

    private static HttpGraphQlTester graphQl(ConfigurableApplicationContext context) {
        return GatewayClient.graphQl(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void repositoriesEditsAndNamesSurviveARestart() {
        String id;
        try (ConfigurableApplicationContext first = start()) {
            HttpGraphQlTester graphQl = graphQl(first);
            GatewayClient.ensureRegistry(graphQl, "default");
            GatewayClient.ensureRegistry(graphQl, "prod");
            graphQl.documentName("addRepositories")
                   .variable("input", List.of(addInput("default", "nginx"), addInput("default", "redis"),
                                              addInput("prod", "nginx")))
                   .execute().path("addRepositories.succeeded").entity(Integer.class).isEqualTo(3);
            id = graphQl.documentName("editRepositoryMetadata").fragmentName("repositoryFields")
                        .variable("input", Map.of("namespace", "default", "name", "nginx", "displayName", "入口"))
                        .execute().path("editRepositoryMetadata.id").entity(String.class).get();
            graphQl.documentName("deleteRepository").variable("namespace", "default").variable("name", "redis")
                   .variable("confirmName", "redis").execute().path("deleteRepository.deleted").hasValue();
        }

        try (ConfigurableApplicationContext second = start()) {
            HttpGraphQlTester graphQl = graphQl(second);
            graphQl.documentName("repository").fragmentName("repositoryFields")
                   .variable("namespace", "default").variable("name", "nginx").execute()
                   .path("repository.id").entity(String.class).isEqualTo(id)
                   .path("repository.displayName").entity(String.class).isEqualTo("入口")
                   .path("repository.version").entity(Integer.class).isEqualTo(2);
            graphQl.documentName("repositories").variables(Map.of()).execute()
                   .path("repositories.totalCount").entity(Integer.class).isEqualTo(2);
            graphQl.documentName("addRepository").fragmentName("repositoryFields")
                   .variable("input", addInput("prod", "nginx")).execute()
                   .errors().satisfy(errors -> assertThat(errors).singleElement()
                                                                 .satisfies(e -> assertThat(e.getExtensions())
                                                                         .containsEntry("code", "ALREADY_EXISTS")));
            // the projection resumed from its stored token instead of starting over in memory
            TokenStore tokens = second.getBean(TokenStore.class);
            TrackingToken token = tokens.fetchToken(RepositoryCatalogueProjection.PROCESSING_GROUP, 0);
            assertThat(token.position().orElse(-1)).isGreaterThanOrEqualTo(5);
        }
    }
}
