package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Role;
import io.theriseunion.imagegateway.app.access.RoleBinding;
import io.theriseunion.imagegateway.app.origin.OriginEvents;
import io.theriseunion.imagegateway.app.repository.Catalogue;
import io.theriseunion.imagegateway.app.repository.CatalogueSelections;
import io.theriseunion.imagegateway.domain.api.RepositoryNotFoundException;
import io.theriseunion.imagegateway.domain.api.StaleVersionException;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceIndex;
import io.theriseunion.imagegateway.graphql.access.CallerInterceptor;
import io.theriseunion.imagegateway.graphql.scalar.ScalarConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The repository mutations on the GraphQL slice alone (the catalogue mocked, the access rules real): a refusal of
 * the write side reaches the client as its code and field, and a caller without the permission never reaches
 * the catalogue.
 */
@GraphQlTest(RepositoryMutationController.class)
@Import({ScalarConfiguration.class, Access.class})
class RepositoryMutationControllerTests {

    private static final Caller VIEWER = new Caller("vera", List.of(new RoleBinding("team", Role.VIEWER)), null, null);
    private static final Caller EDITOR = new Caller("ed", List.of(new RoleBinding("team", Role.EDITOR)), null, null);
    private static final String EDIT = """
            mutation($input: EditRepositoryMetadataInput!) { editRepositoryMetadata(input: $input) { name } }
            """;
    private static final String DELETE = """
            mutation { deleteRepository(namespace: "team", name: "app", confirmName: "other") { deleted } }
            """;

    @Autowired
    ExecutionGraphQlServiceTester graphQl;

    @MockitoBean
    Catalogue catalogue;
    @MockitoBean
    CatalogueSelections selections;
    @MockitoBean
    OriginEvents events;
    @MockitoBean
    RegistrySourceIndex sources;

    @Test
    void aCallerWithoutWriteIsForbiddenAndTheCatalogueIsNotAsked() {
        ResponseError error = onlyError(as(VIEWER).document(EDIT)
                                                  .variable("input", Map.of("namespace", "team", "name", "app",
                                                                            "description", "new"))
                                                  .execute());

        assertThat(code(error)).isEqualTo("FORBIDDEN");
        verifyNoInteractions(catalogue);
    }

    @Test
    void aStaleVersionIsAConflict() {
        when(catalogue.edit(anyString(), anyString(), any(), any(), any()))
                .thenThrow(new StaleVersionException("team", "app", 1, 2));

        ResponseError error = onlyError(as(EDITOR).document(EDIT)
                                                  .variable("input", Map.of("namespace", "team", "name", "app",
                                                                            "description", "new", "expectedVersion", 1))
                                                  .execute());

        assertThat(code(error)).isEqualTo("CONFLICT");
        assertThat(error.getMessage()).contains("repository team/app is at version 2");
    }

    @Test
    void aMissingRepositoryIsNotFound() {
        when(catalogue.edit(anyString(), anyString(), any(), any(), any()))
                .thenThrow(new RepositoryNotFoundException("team", "gone"));

        ResponseError error = onlyError(as(EDITOR).document(EDIT)
                                                  .variable("input", Map.of("namespace", "team", "name", "gone",
                                                                            "description", "new"))
                                                  .execute());

        assertThat(code(error)).isEqualTo("NOT_FOUND");
        assertThat(error.getPath()).isEqualTo("editRepositoryMetadata");
    }

    @Test
    void aConfirmationThatDoesNotMatchNamesItsField() {
        Caller admin = new Caller("ada", List.of(new RoleBinding("team", Role.ADMIN)), null, null);

        ResponseError error = onlyError(as(admin).document(DELETE).execute());

        assertThat(code(error)).isEqualTo("CONFIRMATION_MISMATCH");
        assertThat(error.getExtensions()).containsEntry("field", "confirmName");
        verify(catalogue, never()).delete(anyString(), anyString());
    }

    @Test
    void noCallerIsUnauthenticated() {
        assertThat(code(onlyError(as(null).document(DELETE).execute()))).isEqualTo("UNAUTHENTICATED");
    }

    private GraphQlTester as(Caller caller) {
        return graphQl.mutate().configureExecutionInput((input, builder) -> caller == null ? input
                : builder.graphQLContext(Map.of(CallerInterceptor.CALLER, caller)).build()).build();
    }

    private static ResponseError onlyError(GraphQlTester.Response response) {
        ResponseError[] only = new ResponseError[1];
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            only[0] = errors.get(0);
        });
        return only[0];
    }

    private static Object code(ResponseError error) {
        return error.getExtensions().get("code");
    }
}
