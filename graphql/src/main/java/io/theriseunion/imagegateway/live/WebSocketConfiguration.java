package io.theriseunion.imagegateway.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * WebSocket sessions for subscriptions. graphql-transport-ws speaks text frames only, so the binary buffers every
 * session allocates are kept small: with a thousand idle subscribers that is most of what they cost.
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
}
