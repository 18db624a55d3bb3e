package io.theriseunion.imagegateway.graphql.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gateway.graphql.*}: what one GraphQL request may ask for, checked before it runs.
 *
 * @param maxDepth               deepest field nesting (QUERY_TOO_DEEP)
 * @param maxComplexity          most objects a query may return: each object field counts 1, a list counts its
 *                               page size ({@code first: N}) times its contents, and a count counts
 *                               {@code countCost} (QUERY_TOO_COMPLEX)
 * @param maxAliases             most aliased fields in one document (TOO_MANY_ALIASES)
 * @param maxDocumentBytes       largest document, in bytes of UTF-8 (DOCUMENT_TOO_LARGE)
 * @param maxSubscriptions       subscriptions one WebSocket connection may hold at once (TOO_MANY_SUBSCRIPTIONS)
 * @param countCost              what each {@code totalCount} adds to the complexity: a count reads every row
 *                               that matches (a search, every row)
 * @param maxCommandsPerRequest  most commands one request may cause, over all its mutation fields (aliases)
 *                               and their batch items (TOO_MANY_COMMANDS)
 * @param maxTimeTravel          most {@code repository(asOf:)} fields in one request (TOO_MANY_TIME_TRAVELS)
 */
@ConfigurationProperties("gateway.graphql")
public record QueryLimits(Integer maxDepth, Integer maxComplexity, Integer maxAliases, Integer maxDocumentBytes,
                          Integer maxSubscriptions, Integer countCost, Integer maxCommandsPerRequest,
                          Integer maxTimeTravel) {

    public QueryLimits {
        maxDepth = maxDepth == null ? 12 : maxDepth;
        maxComplexity = maxComplexity == null ? 1_000 : maxComplexity;
        maxAliases = maxAliases == null ? 30 : maxAliases;
        maxDocumentBytes = maxDocumentBytes == null ? 64 * 1024 : maxDocumentBytes;
        maxSubscriptions = maxSubscriptions == null ? 50 : maxSubscriptions;
        countCost = countCost == null ? 50 : countCost;
        maxCommandsPerRequest = maxCommandsPerRequest == null ? 500 : maxCommandsPerRequest;
        maxTimeTravel = maxTimeTravel == null ? 5 : maxTimeTravel;
    }
}
