package io.theriseunion.imagegateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Image Repository Gateway: GraphQL over an event-sourced catalogue of container image repositories. */
@SpringBootApplication
public class GatewayApplication {

    /**
     * Tomcat's WebSocket buffer size (bytes; read once, when its WebSocket classes load): each WebSocket session
     * holds three buffers of it (frames in, frames out, text encoding). Tomcat's default is 8KB; the gateway's
     * messages are mostly a few hundred bytes, and with thousands of idle subscribers the 24KB a session were a
     * quarter of the heap it cost (docs/benchmarks.md). A longer message is simply written in several frames. An
     * operator may still set it with -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=N.
     */
    static final String WEBSOCKET_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        if (System.getProperty(WEBSOCKET_BUFFER_SIZE) == null) {
            System.setProperty(WEBSOCKET_BUFFER_SIZE, "2048");
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
