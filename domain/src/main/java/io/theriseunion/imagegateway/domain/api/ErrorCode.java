package io.theriseunion.imagegateway.domain.api;

/**
 * The stable codes of the gateway's refusals, each with what the edges answer it with: the GraphQL error
 * classification (beside {@code extensions.code}), and the HTTP status and Kubernetes {@code Status} reason of the
 * REST API and the other HTTP endpoints. A code's name is the string clients see. Sync errors
 * ({@link SyncError#code()}) are data about a registry, not refusals, and are not listed here.
 */
public enum ErrorCode {

    VALIDATION_FAILED(Classification.BAD_REQUEST, 422, "Invalid"),
    BAD_REQUEST(Classification.BAD_REQUEST, 400, "BadRequest"),
    CONFIRMATION_MISMATCH(Classification.BAD_REQUEST, 400, "BadRequest"),
    UNAUTHENTICATED(Classification.UNAUTHORIZED, 401, "Unauthorized"),
    FORBIDDEN(Classification.FORBIDDEN, 403, "Forbidden"),
    NOT_FOUND(Classification.NOT_FOUND, 404, "NotFound"),
    ALREADY_EXISTS(Classification.CODE, 409, "AlreadyExists"),
    CONFLICT(Classification.CODE, 409, "Conflict"),
    IN_USE(Classification.CODE, 409, "Conflict"),
    REQUEST_TOO_LARGE(Classification.CODE, 413, "RequestEntityTooLarge"),
    UNSUPPORTED_MEDIA_TYPE(Classification.CODE, 415, "UnsupportedMediaType"),
    /** Refused webhook calls past the source's limit (the webhook endpoint only). */
    RATE_LIMITED(Classification.CODE, 429, "TooManyRequests"),
    UNAVAILABLE(Classification.CODE, 503, "ServiceUnavailable"),
    /**
     * The registry source does not list its repositories (GET /v2/_catalog answered 401, 403 or 404, or the source
     * is Docker Hub, which has no catalogue): the repository path has to be typed.
     */
    CATALOG_UNAVAILABLE(Classification.CODE, 404, "NotFound"),
    INTERNAL(Classification.INTERNAL_ERROR, 500, "InternalError"),

    // Refused only by GraphQL (in a 200 response or on a WebSocket). The REST API never answers them; it would
    // answer them as any failure it does not know, 500 InternalError.
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    QUERY_TOO_DEEP,
    QUERY_TOO_COMPLEX,
    TOO_MANY_ALIASES,
    DOCUMENT_TOO_LARGE,
    TOO_MANY_COMMANDS,
    TOO_MANY_TIME_TRAVELS,
    TOO_MANY_SUBSCRIPTIONS,
    SUBSCRIBER_TOO_SLOW,
    /** Also the start of the reason a WebSocket past a connection limit is closed with. */
    TOO_MANY_CONNECTIONS;

    /**
     * The GraphQL error classification: Spring for GraphQL's {@code ErrorType} of the same name, or
     * {@link #CODE}, the code itself.
     */
    public enum Classification {
        BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, INTERNAL_ERROR, CODE
    }

    private final Classification classification;
    private final int httpStatus;
    private final String kubernetesReason;

    ErrorCode(Classification classification, int httpStatus, String kubernetesReason) {
        this.classification = classification;
        this.httpStatus = httpStatus;
        this.kubernetesReason = kubernetesReason;
    }

    ErrorCode() {
        this(Classification.CODE, 500, "InternalError");
    }

    public Classification classification() {
        return classification;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String kubernetesReason() {
        return kubernetesReason;
    }
}
