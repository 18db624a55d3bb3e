package io.theriseunion.imagegateway.graphql.limits;

import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.graphql.error.ErrorCodes;

import java.util.List;

/** Stops a request before it runs, with an error that carries the limit's code. */
final class LimitExceeded {

    private LimitExceeded() {
    }

    static AbortExecutionException abort(ErrorCode code, String message) {
        return new AbortExecutionException(List.of(ErrorCodes.error(GraphqlErrorBuilder.newError(), code, message,
                                                                    null)));
    }
}
