package io.theriseunion.imagegateway.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                          .map(v -> error(env, refusal.code(), v.field() + " " + v.message(), v.field()))
                          .toList();
        }
        return List.of(error(env, refusal.code(), refusal.getMessage(), refusal.field()));
    }

    private static GraphQLError error(DataFetchingEnvironment env, String code, String message, String field) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        if (field != null) {
            extensions.put("field", field);
        }
        return GraphqlErrorBuilder.newError(env)
                                  .errorType(ErrorCodes.classification(code))
                                  .message(message)
                                  .extensions(extensions)
                                  .build();
    }
}
