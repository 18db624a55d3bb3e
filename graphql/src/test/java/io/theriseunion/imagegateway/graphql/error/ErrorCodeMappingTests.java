package io.theriseunion.imagegateway.graphql.error;

import io.theriseunion.imagegateway.app.repository.KubernetesStatus;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error code the API emits, with the GraphQL classification and the Kubernetes Status (HTTP code and reason)
 * it is answered with. The table was written from the mappings as they were before the codes became one enum
 * (graphql/error/ErrorCodes and rest/KubernetesStatus each with their own switch on the code's string). One row
 * is new: RATE_LIMITED, which only the webhook answers (with 429, as it always has; the REST API never answers it,
 * and before the enum would have fallen into its 500 default).
 */
class ErrorCodeMappingTests {

    private static final String TABLE = "/error-codes.csv";

    private static GatewayException refusal(ErrorCode code) {
        if (code == ErrorCode.VALIDATION_FAILED) {
            return ValidationException.of("spec.tag", "is required");
        }
        return new GatewayException(code, "refused") {
        };
    }

    @ParameterizedTest(name = "{0}: GraphQL {1}, Status {2} {3}")
    @CsvFileSource(resources = TABLE, numLinesToSkip = 1)
    void everyCodeKeepsItsGraphQlClassificationAndKubernetesStatus(ErrorCode code, String classification, int http,
                                                                 String reason) {
        assertThat(refusal(code).code()).isEqualTo(code.name());
        assertThat(ErrorCodes.classification(code).toString()).isEqualTo(classification);
        KubernetesStatus status = KubernetesStatus.of(refusal(code), null);
        assertThat(status.code()).isEqualTo(http);
        assertThat(status.reason()).isEqualTo(reason);
    }

    @Test
    void theTableListsEveryCode() throws IOException {
        try (InputStream in = ErrorCodeMappingTests.class.getResourceAsStream(TABLE)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                                                                          .map(l -> l.split(",")[0].trim()))
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        }
    }
}
