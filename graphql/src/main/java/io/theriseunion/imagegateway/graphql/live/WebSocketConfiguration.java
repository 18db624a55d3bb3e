package io.theriseunion.imagegateway.graphql.live;

import io.theriseunion.imagegateway.app.web.CorsProperties;
import org.springframework.boot.autoconfigure.graphql.GraphQlProperties;
import org.springframework.boot.autoconfigure.http.HttpMessageConverters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.MediaType;
import org.springframework.http.converter.GenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import java.util.Map;

/**
 * WebSocket sessions for subscriptions. graphql-transport-ws speaks text frames only, so the binary buffers every
 * session allocates are kept small: with a thousand idle subscribers that is most of what they cost. The handler
 * is Spring GraphQL's, with the connection limits of {@link LiveConnections}, and its handshake refuses (403)
 * a browser page of an origin other than the gateway's own or one of gateway.cors.allowed-origins.
 */
@Configuration(proxyBeanMethods = false)
public class WebSocketConfiguration {

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxTextMessageBufferSize(8192);
        return container;
    }

    @Bean
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler graphQl, GraphQlProperties properties,
                                                    HttpMessageConverters converters, LiveConnections connections,
                                                    SharedSubscriptions shared, CorsProperties cors) {
        return new LiveWebSocketHandler(graphQl, json(converters), properties.getWebsocket().getConnectionInitTimeout(),
                                        properties.getWebsocket().getKeepAlive(), connections, shared,
                                        cors.allowedOrigins());
    }

    /** The JSON converter Spring Boot gives its own WebSocket handler. */
    private static HttpMessageConverter<?> json(HttpMessageConverters converters) {
        return converters.getConverters().stream()
                         .filter(c -> c instanceof GenericHttpMessageConverter<?> && c.canRead(Map.class, MediaType.APPLICATION_JSON))
                         .findFirst()
                         .orElseThrow(() -> new IllegalStateException("no JSON converter for the GraphQL WebSocket"));
    }
}
