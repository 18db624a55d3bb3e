package io.theriseunion.imagegateway.graphql.error;

import graphql.ErrorClassification;
import org.springframework.graphql.execution.ErrorType;

/** The classification that goes with each error code, so clients reading either one agree. */
final class ErrorCodes {

    private ErrorCodes() {
    }

    static ErrorClassification classification(String code) {
        return switch (code) {
            case "VALIDATION_FAILED", "CONFIRMATION_MISMATCH" -> ErrorType.BAD_REQUEST;
            case "NOT_FOUND" -> ErrorType.NOT_FOUND;
            case "UNAUTHENTICATED" -> ErrorType.UNAUTHORIZED;
            case "FORBIDDEN" -> ErrorType.FORBIDDEN;
            case "INTERNAL" -> ErrorType.INTERNAL_ERROR;
            default -> ErrorClassification.errorClassification(code);
        };
    }
}
