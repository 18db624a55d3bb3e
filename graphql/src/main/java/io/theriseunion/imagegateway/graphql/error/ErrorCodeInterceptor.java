package io.theriseunion.imagegateway.graphql.error;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import org.springframework.graphql.ResponseError;
import graphql.GraphqlErrorBuilder;
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
        if (type == null) {
            return "INTERNAL";
        }
        if (type instanceof graphql.ErrorType t) {
            return switch (t) {
                case InvalidSyntax -> "GRAPHQL_PARSE_FAILED";
                case ValidationError -> "GRAPHQL_VALIDATION_FAILED";
                case OperationNotSupported -> "BAD_REQUEST";
                default -> "INTERNAL";
            };
        }
        if (type instanceof ErrorType t) {
            return switch (t) {
                case BAD_REQUEST -> "BAD_REQUEST";
                case UNAUTHORIZED -> "UNAUTHENTICATED";
                case FORBIDDEN -> "FORBIDDEN";
                case NOT_FOUND -> "NOT_FOUND";
                default -> "INTERNAL";
            };
        }
        return type.toString();
    }

}
