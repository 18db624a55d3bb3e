package io.theriseunion.imagegateway.graphql.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.app.web.CorsProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.graphql.GraphQlProperties;
import org.springframework.boot.autoconfigure.http.HttpMessageConverters;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.MediaType;
import org.springframework.http.converter.GenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import java.time.Duration;
import java.util.Map;

/**
 * WebSocket sessions for subscriptions. Idle sessions are most of what many subscribers cost, so what each holds is
 * small: the connector's socket buffers ({@link #SOCKET_BUFFER}), Tomcat's WebSocket buffers (set in
 * {@code GatewayApplication}), a minimal binary buffer (graphql-transport-ws speaks text frames only), and text
 * read in parts of {@link #TEXT_PART} characters, put together by the handler up to gateway.live.max-message-size
 * (a longer message closes the socket with 1009 naming the setting). The handler speaks graphql-transport-ws
 * ({@link LiveWebSocketHandler}), with the connection limits of {@link LiveConnections}, and its handshake refuses
 * (403) a browser page of an origin other than the gateway's own or one of gateway.cors.allowed-origins.
 */
@Configuration(proxyBeanMethods = false)
public class WebSocketConfiguration {

    /** Characters of a text message the container reads at a time, per session (2 bytes each, allocated per session). */
    static final int TEXT_PART = 1024;
    /** Bytes of the binary buffer per session: no binary message is taken (the handler closes with 1003). */
    static final int BINARY_PART = 64;
    /** Bytes of each of a connection's two socket buffers (read, write). */
    static final int SOCKET_BUFFER = 4096;

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxBinaryMessageBufferSize(BINARY_PART);
        container.setMaxTextMessageBufferSize(TEXT_PART);
        return container;
    }

    /**
     * The connector's per-connection socket buffers (Tomcat's default 8KB each way; a WebSocket keeps its connection
     * for its life): 4KB each. Requests and responses larger than that simply take more reads and writes.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER));
        });
    }

    /**
     * Tomcat's NIO connector whose sends written at once complete on the sending thread ({@link
     * LiveConnectorProtocol}): one thread woken less per delivery.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> liveConnector() {
        return factory -> factory.setProtocol(LiveConnectorProtocol.class.getName());
    }

    @Bean
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler graphQl, GraphQlProperties properties,
                                                    HttpMessageConverters converters, ObjectMapper json,
                                                    LiveConnections connections, SharedSubscriptions shared,
                                                    CorsProperties cors,
                                                    @Value("${gateway.live.max-message-size:64KB}") DataSize maxMessageSize) {
        return new LiveWebSocketHandler(graphQl, json(converters), json,
                                        properties.getWebsocket().getConnectionInitTimeout(),
                                        keepAlive(properties.getWebsocket().getKeepAlive()),
                                        maxMessageCharacters(maxMessageSize),
                                        connections, shared, cors.allowedOrigins());
    }

    /** gateway.live.max-message-size as the longest message in characters: from 1KB (a connection_init with a JWT) to 5MB. */
    static int maxMessageCharacters(DataSize size) {
        if (size == null || size.toBytes() < 1024 || size.toBytes() > DataSize.ofMegabytes(5).toBytes()) {
            throw new IllegalArgumentException("gateway.live.max-message-size must be from 1KB to 5MB, not " + size);
        }
        return (int) size.toBytes();
    }

    /** spring.graphql.websocket.keep-alive: none (no pings) or a positive interval. */
    static Duration keepAlive(Duration interval) {
        if (interval != null && (interval.isZero() || interval.isNegative())) {
            throw new IllegalArgumentException("spring.graphql.websocket.keep-alive must be positive (or unset: no"
                                                       + " pings), not " + interval);
        }
        return interval;
    }

    /** The JSON converter Spring Boot gives its own WebSocket handler. */
    private static HttpMessageConverter<?> json(HttpMessageConverters converters) {
        return converters.getConverters().stream()
                         .filter(c -> c instanceof GenericHttpMessageConverter<?> && c.canRead(Map.class, MediaType.APPLICATION_JSON))
                         .findFirst()
                         .orElseThrow(() -> new IllegalStateException("no JSON converter for the GraphQL WebSocket"));
    }
}
