package io.theriseunion.imagegateway.graphql.error;

import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.rest.KubernetesStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error code the API emits, with the GraphQL classification and the Kubernetes Status (HTTP code and reason)
 * it is answered with. The table was written from the mappings as they were before the codes became one enum.
 */
class ErrorCodeMappingTests {

    private static GatewayException refusal(String code) {
        if ("VALIDATION_FAILED".equals(code)) {
            return ValidationException.of("spec.tag", "is required");
        }
        return new GatewayException(code, "refused") {
        };
    }

    @ParameterizedTest(name = "{0}: GraphQL {1}, Status {2} {3}")
    @CsvSource({
            "VALIDATION_FAILED,         BAD_REQUEST,               422, Invalid",
            "BAD_REQUEST,               BAD_REQUEST,               400, BadRequest",
            "CONFIRMATION_MISMATCH,     BAD_REQUEST,               400, BadRequest",
            "UNAUTHENTICATED,           UNAUTHORIZED,              401, Unauthorized",
            "FORBIDDEN,                 FORBIDDEN,                 403, Forbidden",
            "NOT_FOUND,                 NOT_FOUND,                 404, NotFound",
            "ALREADY_EXISTS,            ALREADY_EXISTS,            409, AlreadyExists",
            "CONFLICT,                  CONFLICT,                  409, Conflict",
            "IN_USE,                    IN_USE,                    409, Conflict",
            "REQUEST_TOO_LARGE,         REQUEST_TOO_LARGE,         413, RequestEntityTooLarge",
            "UNSUPPORTED_MEDIA_TYPE,    UNSUPPORTED_MEDIA_TYPE,    415, UnsupportedMediaType",
            "UNAVAILABLE,               UNAVAILABLE,               503, ServiceUnavailable",
            "INTERNAL,                  INTERNAL_ERROR,            500, InternalError",
            "GRAPHQL_PARSE_FAILED,      GRAPHQL_PARSE_FAILED,      500, InternalError",
            "GRAPHQL_VALIDATION_FAILED, GRAPHQL_VALIDATION_FAILED, 500, InternalError",
            "QUERY_TOO_DEEP,            QUERY_TOO_DEEP,            500, InternalError",
            "QUERY_TOO_COMPLEX,         QUERY_TOO_COMPLEX,         500, InternalError",
            "TOO_MANY_ALIASES,          TOO_MANY_ALIASES,          500, InternalError",
            "DOCUMENT_TOO_LARGE,        DOCUMENT_TOO_LARGE,        500, InternalError",
            "TOO_MANY_COMMANDS,         TOO_MANY_COMMANDS,         500, InternalError",
            "TOO_MANY_TIME_TRAVELS,     TOO_MANY_TIME_TRAVELS,     500, InternalError",
            "TOO_MANY_SUBSCRIPTIONS,    TOO_MANY_SUBSCRIPTIONS,    500, InternalError",
            "SUBSCRIBER_TOO_SLOW,       SUBSCRIBER_TOO_SLOW,       500, InternalError",
            "TOO_MANY_CONNECTIONS,      TOO_MANY_CONNECTIONS,      500, InternalError",
    })
    void everyCodeKeepsItsGraphQlClassificationAndKubernetesStatus(String code, String classification, int http,
                                                                 String reason) {
        assertThat(ErrorCodes.classification(code).toString()).isEqualTo(classification);
        KubernetesStatus status = KubernetesStatus.of(refusal(code), null);
        assertThat(status.code()).isEqualTo(http);
        assertThat(status.reason()).isEqualTo(reason);
    }
}
