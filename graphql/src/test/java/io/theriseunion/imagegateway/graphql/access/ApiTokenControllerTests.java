package io.theriseunion.imagegateway.graphql.access;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.ApiTokens;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Role;
import io.theriseunion.imagegateway.app.access.RoleBinding;
import io.theriseunion.imagegateway.app.access.SecurityProperties;
import io.theriseunion.imagegateway.app.origin.OriginEvents;
import io.theriseunion.imagegateway.domain.registry.RegistrySourceIndex;
import io.theriseunion.imagegateway.graphql.scalar.ScalarConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The API-token operations on the GraphQL slice alone (the schema, the scalars, the error resolver, this
 * controller and the real access rules; the token store mocked): who may see and grant what, and how a refusal
 * reaches the client as {@code extensions.code}.
 */
@GraphQlTest(ApiTokenController.class)
@Import({ScalarConfiguration.class, Access.class, ApiTokenControllerTests.Settings.class})
class ApiTokenControllerTests {

    private static final Caller VIEWER = new Caller("vera", List.of(new RoleBinding("team", Role.VIEWER)), null, null);
    private static final Caller ADMIN = new Caller("ada", List.of(new RoleBinding("team", Role.ADMIN)), null, null);

    @Autowired
    ExecutionGraphQlServiceTester graphQl;

    @MockitoBean
    ApiTokens tokens;
    @MockitoBean
    OriginEvents events;
    @MockitoBean
    RegistrySourceIndex sources;

    @TestConfiguration
    static class Settings {
        @Bean
        SecurityProperties securityProperties() {
            return new SecurityProperties(null, false, null, null, null);
        }
    }

    @Test
    void meWithoutACallerIsUnauthenticated() {
        as(null).document("{ me { name } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                                                               .satisfies(e -> assertThat(code(e)).isEqualTo("UNAUTHENTICATED")));
    }

    @Test
    void meShowsTheCallerAndItsRoles() {
        as(ADMIN).document("{ me { name roles { namespace role } } }").execute()
                 .path("me.name").entity(String.class).isEqualTo("ada")
                 .path("me.roles[0].role").entity(String.class).isEqualTo("ADMIN")
                 .path("me.roles[0].namespace").entity(String.class).isEqualTo("team");
    }

    @Test
    void aTokenCannotCarryARoleItsCreatorDoesNotManageAndNoneIsCreated() {
        as(VIEWER).document("""
                          mutation { createApiToken(input: {name: "ci", roles: [{namespace: "team", role: EDITOR}]}) { token } }
                          """).execute()
                  .errors().satisfy(errors -> assertThat(errors).singleElement()
                                                                .satisfies(e -> assertThat(code(e)).isEqualTo("FORBIDDEN")));
        verify(tokens, never()).create(anyString(), anyList(), any(), anyString());
    }

    @Test
    void anAdminCreatesATokenWithinItsNamespaceAndSeesTheSecretOnce() {
        when(tokens.create(eq("ci"), eq(List.of(new RoleBinding("team", Role.EDITOR))), any(), eq("ada")))
                .thenReturn("secret-shown-once");

        as(ADMIN).document("""
                         mutation { createApiToken(input: {name: "ci", roles: [{namespace: "team", role: EDITOR}]}) { name token } }
                         """).execute()
                 .path("createApiToken.token").entity(String.class).isEqualTo("secret-shown-once");
    }

    @Test
    void anInvalidBindingIsRefusedNamingItsField() {
        as(ADMIN).document("""
                         mutation { createApiToken(input: {name: "ci", roles: [{namespace: "Not A Label", role: EDITOR}]}) { token } }
                         """).execute()
                 .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
                     assertThat(code(e)).isEqualTo("VALIDATION_FAILED");
                     assertThat(e.getExtensions()).containsEntry("field", "roles[0].namespace");
                 }));
    }

    private GraphQlTester as(Caller caller) {
        return graphQl.mutate().configureExecutionInput((input, builder) -> caller == null ? input
                : builder.graphQLContext(Map.of(CallerInterceptor.CALLER, caller)).build()).build();
    }

    private static Object code(ResponseError error) {
        return error.getExtensions().get("code");
    }
}
