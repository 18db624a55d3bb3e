package io.theriseunion.imagegateway.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Ends a subscription that failed with a refusal (e.g. SUBSCRIBER_TOO_SLOW) with its code, as queries do. */
@Component
public class SubscriptionErrorResolver extends SubscriptionExceptionResolverAdapter {

    @Override
    protected List<GraphQLError> resolveToMultipleErrors(Throwable exception) {
        return GatewayException.findIn(exception)
                               .map(refusal -> List.<GraphQLError>of(
                                       GraphqlErrorBuilder.newError()
                                                          .errorType(ErrorCodes.classification(refusal.code()))
                                                          .message(refusal.getMessage())
                                                          .extensions(Map.of("code", refusal.code()))
                                                          .build()))
                               .orElse(null);
    }
}
