package io.theriseunion.imagegateway.graphql.execution;

import org.springframework.boot.autoconfigure.graphql.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How GraphQL documents are executed. */
@Configuration(proxyBeanMethods = false)
public class ExecutionConfiguration {

    @Bean
    GraphQlSourceBuilderCustomizer parsedDocumentCache() {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(new ParsedDocumentCache(500)));
    }
}
