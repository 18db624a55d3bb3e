package io.theriseunion.imagegateway.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Turns refusals into GraphQL errors with {@code extensions.code} (and {@code extensions.field} where one
 * field is at fault). A validation failure gives one error per broken rule.
 */
@Component
public class GatewayErrorResolver extends DataFetcherExceptionResolverAdapter {

    @Override
    protected List<GraphQLError> resolveToMultipleErrors(Throwable ex, DataFetchingEnvironment env) {
        GatewayException refusal = GatewayException.findIn(ex).orElse(null);
        if (refusal == null) {
            return null;
        }
        if (refusal instanceof ValidationException invalid) {
            return invalid.violations().stream()
                          .map(v -> ErrorCodes.error(GraphqlErrorBuilder.newError(env), refusal.errorCode(),
                                                     v.field() + " " + v.message(), v.field()))
                          .toList();
        }
        return List.of(ErrorCodes.error(GraphqlErrorBuilder.newError(env), refusal.errorCode(), refusal.getMessage(),
                                        refusal.field(), refusal.retryAfter()));
    }
}
