package io.theriseunion.imagegateway.graphql.limits;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Set;

/** The limits every GraphQL request is checked against before it runs (see {@link QueryLimits}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryLimits.class)
public class LimitsConfiguration {

    @Bean
    MaxQueryDepthInstrumentation queryDepthLimit(QueryLimits limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth()) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return LimitExceeded.abort(ErrorCode.QUERY_TOO_DEEP, "the query nests " + depth + " levels deep; at most "
                        + maxDepth + " are allowed (gateway.graphql.max-depth)");
            }
        };
    }

    @Bean
    MaxQueryComplexityInstrumentation queryComplexityLimit(QueryLimits limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), objectsReturned(limits.countCost())) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return LimitExceeded.abort(ErrorCode.QUERY_TOO_COMPLEX, "the query may return " + complexity + " objects (a"
                        + " list counts as many as its first argument asks for, a totalCount as "
                        + limits.countCost() + " (gateway.graphql.count-cost)); at most " + maxComplexity
                        + " are allowed (gateway.graphql.max-complexity): ask for smaller pages or fewer counts");
            }
        };
    }

    @Bean
    DocumentLimitInstrumentation documentLimits(QueryLimits limits) {
        return new DocumentLimitInstrumentation(limits);
    }

    @Bean
    RequestBudgetInstrumentation requestBudget(QueryLimits limits, GatewayProperties properties) {
        return new RequestBudgetInstrumentation(limits, properties.maxBatchSize());
    }

    /**
     * The scalars that run a query of their own: each costs what a count costs ({@code gateway.graphql.count-cost}).
     * {@code Registry.repositoryCount} is not among them: it is loaded in one grouped query for all registries of a
     * page, and costs 2 like a small object.
     */
    static final Set<String> COUNTS = Set.of("RepositoryConnection.totalCount", "RepositoryConnection.statusCounts",
                                             "RegistryConnection.totalCount", "SyncRunConnection.totalCount",
                                             "AuditEntryConnection.totalCount",
                                             "RepositoryDependencies.sharedWithCount");
    private static final String BATCHED_COUNT = "Registry.repositoryCount";

    /**
     * Plain scalars cost nothing, a count {@code countCost}, an object 1 plus its contents; a list counts its
     * contents as many times as the page size asks ({@code first: N} on the list or on the connection above it).
     */
    static FieldComplexityCalculator objectsReturned(int countCost) {
        return (env, childComplexity) -> {
            GraphQLFieldDefinition field = env.getFieldDefinition();
            String coordinate = env.getParentType().getName() + "." + field.getName();
            GraphQLType type = GraphQLTypeUtil.unwrapNonNull(field.getType());
            long own;
            if (COUNTS.contains(coordinate)) {
                own = countCost;
            } else if (BATCHED_COUNT.equals(coordinate)) {
                own = 2;
            } else {
                own = GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLObjectType ? 1L + childComplexity : childComplexity;
            }
            long times = 1;
            if (GraphQLTypeUtil.isList(type)) {
                times = pageSize(env.getArguments().get("first"),
                                 env.getParentEnvironment() == null ? null
                                         : env.getParentEnvironment().getArguments().get("first"));
            }
            return (int) Math.min(Integer.MAX_VALUE, own * times);
        };
    }

    private static long pageSize(Object own, Object ofConnection) {
        Object first = own != null ? own : ofConnection;
        return first instanceof Number n ? Math.max(1, n.longValue()) : 1;
    }
}
