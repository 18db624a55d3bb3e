package io.theriseunion.imagegateway.graphql.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gateway.graphql.*}: what one GraphQL request may ask for, checked before it runs.
 *
 * @param maxDepth          deepest field nesting (QUERY_TOO_DEEP)
 * @param maxComplexity     most objects a query may return: each object field counts 1, a list with
 *                          {@code first: N} counts N times its contents (QUERY_TOO_COMPLEX)
 * @param maxAliases        most aliased fields in one document (TOO_MANY_ALIASES)
 * @param maxDocumentBytes  largest document, in bytes of UTF-8 (DOCUMENT_TOO_LARGE)
 * @param maxSubscriptions  subscriptions one WebSocket connection may hold at once (TOO_MANY_SUBSCRIPTIONS)
 */
@ConfigurationProperties("gateway.graphql")
public record QueryLimits(Integer maxDepth, Integer maxComplexity, Integer maxAliases, Integer maxDocumentBytes,
                          Integer maxSubscriptions) {

    public QueryLimits {
        maxDepth = maxDepth == null ? 12 : maxDepth;
        maxComplexity = maxComplexity == null ? 1_000 : maxComplexity;
        maxAliases = maxAliases == null ? 30 : maxAliases;
        maxDocumentBytes = maxDocumentBytes == null ? 64 * 1024 : maxDocumentBytes;
        maxSubscriptions = maxSubscriptions == null ? 50 : maxSubscriptions;
    }
}
