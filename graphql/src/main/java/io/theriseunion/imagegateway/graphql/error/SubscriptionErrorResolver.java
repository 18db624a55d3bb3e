package io.theriseunion.imagegateway.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import java.util.List;

/** Ends a subscription that failed with a refusal (e.g. SUBSCRIBER_TOO_SLOW) with its code, as queries do. */
@Component
public class SubscriptionErrorResolver extends SubscriptionExceptionResolverAdapter {

    @Override
    protected List<GraphQLError> resolveToMultipleErrors(Throwable exception) {
        return GatewayException.findIn(exception)
                               .map(refusal -> List.of(ErrorCodes.error(GraphqlErrorBuilder.newError(),
                                                                        refusal.errorCode(), refusal.getMessage(),
                                                                        null)))
                               .orElse(null);
    }
}
