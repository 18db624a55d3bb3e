package io.theriseunion.imagegateway.graphql.limits;

import graphql.ErrorClassification;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;

import java.util.List;
import java.util.Map;

/** Stops a request before it runs, with an error that carries the limit's code. */
final class LimitExceeded {

    private LimitExceeded() {
    }

    static AbortExecutionException abort(String code, String message) {
        return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                                                                      .errorType(ErrorClassification.errorClassification(code))
                                                                      .message(message)
                                                                      .extensions(Map.of("code", code))
                                                                      .build()));
    }
}
