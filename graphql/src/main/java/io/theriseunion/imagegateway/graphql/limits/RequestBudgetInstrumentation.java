package io.theriseunion.imagegateway.graphql.limits;

import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.schema.GraphQLObjectType;
import io.theriseunion.imagegateway.domain.api.ErrorCode;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one request may make the gateway do, counted over the whole operation (aliases and fragments included)
 * before anything runs: the commands its mutations cause (a batch field counts its items, a document of YAML
 * its documents, any other mutation field one), and its time travels ({@code repository(asOf:)}, each a fold of
 * the repository's events).
 */
public class RequestBudgetInstrumentation extends SimplePerformantInstrumentation {

    private final QueryLimits limits;
    private final int maxBatchSize;

    /** maxBatchSize: a batch field with more items is refused whole, on its own (VALIDATION_FAILED), so runs none */
    public RequestBudgetInstrumentation(QueryLimits limits, int maxBatchSize) {
        this.limits = limits;
        this.maxBatchSize = maxBatchSize;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        GraphQLObjectType mutationType = execution.getGraphQLSchema().getMutationType();
        AtomicLong commands = new AtomicLong();
        AtomicLong timeTravels = new AtomicLong();
        QueryTraverser.newQueryTraverser()
                      .schema(execution.getGraphQLSchema())
                      .document(execution.getDocument())
                      .operationName(execution.getOperationDefinition().getName())
                      .coercedVariables(execution.getCoercedVariables())
                      .build()
                      .visitPreOrder(new QueryVisitorStub() {
                          @Override
                          public void visitField(QueryVisitorFieldEnvironment env) {
                              if (mutationType != null && env.getParentType() == mutationType) {
                                  commands.addAndGet(commandsOf(env, maxBatchSize));
                              }
                              if (env.getArguments().get("asOf") != null) {
                                  timeTravels.incrementAndGet();
                              }
                          }
                      });
        if (commands.get() > limits.maxCommandsPerRequest()) {
            throw LimitExceeded.abort(ErrorCode.TOO_MANY_COMMANDS, "the request would run " + commands.get()
                    + " commands (its mutation fields, aliases included, times their batch items); at most "
                    + limits.maxCommandsPerRequest() + " are allowed in one request"
                    + " (gateway.graphql.max-commands-per-request): send the rest in another request");
        }
        if (timeTravels.get() > limits.maxTimeTravel()) {
            throw LimitExceeded.abort(ErrorCode.TOO_MANY_TIME_TRAVELS, "the request asks for " + timeTravels.get()
                    + " repositories as of an instant (asOf); at most " + limits.maxTimeTravel()
                    + " are allowed in one request (gateway.graphql.max-time-travel)");
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /**
     * A batch field: its items (none when they are more than a batch may hold: the field is refused whole); a YAML
     * document field: its documents; any other mutation field: 1.
     */
    private static long commandsOf(QueryVisitorFieldEnvironment env, int maxBatchSize) {
        if (env.isTypeNameIntrospectionField()) {
            return 0;
        }
        long items = 0;
        boolean batch = false;
        for (Map.Entry<String, Object> argument : env.getArguments().entrySet()) {
            if (argument.getValue() instanceof Collection<?> list) {
                items += list.size();
                batch = true;
            } else if ("yaml".equals(argument.getKey()) && argument.getValue() instanceof String yaml) {
                items += yamlDocuments(yaml);
                batch = true;
            }
        }
        return !batch ? 1 : items > maxBatchSize ? 0 : items;
    }

    /** At most how many documents a multi-document YAML text holds: one more than its {@code ---} lines. */
    static long yamlDocuments(String text) {
        long documents = 1;
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            int lineEnd = end < 0 ? text.length() : end;
            if (text.startsWith("---", at) && (lineEnd - at == 3 || text.charAt(at + 3) == ' '
                    || text.charAt(at + 3) == '\t' || text.charAt(at + 3) == '\r')) {
                documents++;
            }
            at = lineEnd + 1;
        }
        return documents;
    }
}
