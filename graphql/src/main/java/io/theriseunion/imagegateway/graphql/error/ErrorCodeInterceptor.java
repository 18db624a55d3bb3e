package io.theriseunion.imagegateway.graphql.error;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import org.springframework.graphql.ResponseError;
import graphql.GraphqlErrorBuilder;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;

import java.util.Map;

/**
 * Gives every error an {@code extensions.code}, also those raised by GraphQL itself before any of our code
 * runs: a document that does not parse ({@code GRAPHQL_PARSE_FAILED}), one that does not fit the schema
 * ({@code GRAPHQL_VALIDATION_FAILED}), an unexpected failure ({@code INTERNAL}).
 */
@Component
public class ErrorCodeInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> response.getErrors().stream().allMatch(ErrorCodeInterceptor::coded)
                ? response
                : response.transform(b -> b.errors(response.getErrors().stream()
                                                           .map(ErrorCodeInterceptor::withCode)
                                                           .toList())));
    }

    private static boolean coded(ResponseError e) {
        return e.getExtensions() != null && e.getExtensions().containsKey("code");
    }

    private static GraphQLError withCode(ResponseError e) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (e.getExtensions() != null) {
            extensions.putAll(e.getExtensions());
        }
        extensions.putIfAbsent("code", codeOf(e.getErrorType()));
        return GraphqlErrorBuilder.newError()
                                  .message(e.getMessage())
                                  .locations(e.getLocations())
                                  .path(e.getParsedPath())
                                  .errorType(e.getErrorType())
                                  .extensions(extensions)
                                  .build();
    }

    private static String codeOf(ErrorClassification type) {
        if (type instanceof graphql.ErrorType t) {
            return (switch (t) {
                case InvalidSyntax -> ErrorCode.GRAPHQL_PARSE_FAILED;
                case ValidationError -> ErrorCode.GRAPHQL_VALIDATION_FAILED;
                case OperationNotSupported -> ErrorCode.BAD_REQUEST;
                default -> ErrorCode.INTERNAL;
            }).name();
        }
        if (type instanceof ErrorType t) {
            return (switch (t) {
                case BAD_REQUEST -> ErrorCode.BAD_REQUEST;
                case UNAUTHORIZED -> ErrorCode.UNAUTHENTICATED;
                case FORBIDDEN -> ErrorCode.FORBIDDEN;
                case NOT_FOUND -> ErrorCode.NOT_FOUND;
                default -> ErrorCode.INTERNAL;
            }).name();
        }
        return type == null ? ErrorCode.INTERNAL.name() : type.toString();
    }

}
