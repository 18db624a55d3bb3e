package io.theriseunion.imagegateway.graphql.limits;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The limits every GraphQL request is checked against before it runs (see {@link QueryLimits}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryLimits.class)
public class LimitsConfiguration {

    @Bean
    MaxQueryDepthInstrumentation queryDepthLimit(QueryLimits limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth()) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return LimitExceeded.abort("QUERY_TOO_DEEP", "the query nests " + depth + " levels deep; at most "
                        + maxDepth + " are allowed (gateway.graphql.max-depth)");
            }
        };
    }

    @Bean
    MaxQueryComplexityInstrumentation queryComplexityLimit(QueryLimits limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), objectsReturned()) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return LimitExceeded.abort("QUERY_TOO_COMPLEX", "the query may return " + complexity + " objects (a"
                        + " list counts as many as its first argument asks for); at most " + maxComplexity
                        + " are allowed (gateway.graphql.max-complexity): ask for smaller pages");
            }
        };
    }

    @Bean
    DocumentLimitInstrumentation documentLimits(QueryLimits limits) {
        return new DocumentLimitInstrumentation(limits);
    }

    /** Scalars cost nothing, an object 1 plus its contents, a list with {@code first: N} N times that. */
    private static FieldComplexityCalculator objectsReturned() {
        return (env, childComplexity) -> {
            GraphQLFieldDefinition field = env.getFieldDefinition();
            GraphQLType type = GraphQLTypeUtil.unwrapAll(field.getType());
            int own = type instanceof GraphQLObjectType ? 1 + childComplexity : childComplexity;
            Object first = env.getArguments().get("first");
            int times = first instanceof Number n ? Math.max(1, n.intValue()) : 1;
            long total = (long) own * times;
            return (int) Math.min(Integer.MAX_VALUE, total);
        };
    }
}
