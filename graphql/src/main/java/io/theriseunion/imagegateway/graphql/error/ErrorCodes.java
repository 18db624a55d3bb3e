package io.theriseunion.imagegateway.graphql.error;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import org.springframework.graphql.execution.ErrorType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an {@link ErrorCode} appears in a GraphQL error: {@code extensions.code} (and {@code extensions.field} where
 * one field is at fault), with the classification the code names, so that clients reading either one agree.
 */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    public static ErrorClassification classification(ErrorCode code) {
        return switch (code.classification()) {
            case BAD_REQUEST -> ErrorType.BAD_REQUEST;
            case UNAUTHORIZED -> ErrorType.UNAUTHORIZED;
            case FORBIDDEN -> ErrorType.FORBIDDEN;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case INTERNAL_ERROR -> ErrorType.INTERNAL_ERROR;
            case CODE -> ErrorClassification.errorClassification(code.name());
        };
    }

    /** The error of the code, with the message and, when not null, the field at fault. */
    public static GraphQLError error(GraphqlErrorBuilder<?> builder, ErrorCode code, String message, String field) {
        return error(builder, code, message, field, null);
    }

    /**
     * The error of the code, with the message and, when not null, the field at fault and how soon the same request
     * may be sent again ({@code extensions.retryAfterSeconds}: nothing of it was stored).
     */
    public static GraphQLError error(GraphqlErrorBuilder<?> builder, ErrorCode code, String message, String field,
                                     Duration retryAfter) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        if (field != null) {
            extensions.put("field", field);
        }
        if (retryAfter != null) {
            extensions.put("retryAfterSeconds", retryAfter.toSeconds());
        }
        return builder.errorType(classification(code)).message(message).extensions(extensions).build();
    }
}
