package io.theriseunion.imagegateway.support;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the errors of a GraphQL answer: their extensions.code and field, and what they never say. */
public final class GraphQlErrors {

    private GraphQlErrors() {
    }

    public static List<ResponseError> errorsOf(GraphQlTester.Response response) {
        List<ResponseError> found = new ArrayList<>();
        response.errors().satisfy(found::addAll);
        return found;
    }

    /** Every error has the code, one names the field (when given), and none leaks internals or the given secrets. */
    public static void assertError(GraphQlTester.Response response, String code, String field, String... neverSaid) {
        List<ResponseError> errors = errorsOf(response);
        assertThat(errors).isNotEmpty();
        assertThat(errors).allSatisfy(e -> assertThat(e.getExtensions()).containsEntry("code", code));
        if (field != null) {
            assertThat(errors).extracting(e -> e.getExtensions().get("field")).contains(field);
        }
        assertThat(errors).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("Exception", "at io.", "java."));
        for (String secret : neverSaid) {
            assertThat(errors).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(secret));
        }
    }
}
