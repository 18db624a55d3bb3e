package io.theriseunion.imagegateway.app.cluster;

import io.theriseunion.imagegateway.GatewayApplication;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code axonserver} profile puts the event store, command routing and the query bus on Axon Server through the
 * connector on the classpath; without it they are the database's event store and this process's buses. No Axon
 * Server can run here: the profile's context is started against a port that refuses connections (the connector
 * keeps trying in the background), and the test looks at which beans the gateway is wired with.
 */
class AxonServerProfileTests {

    @Test
    void theAxonServerProfileSwitchesEventsCommandsAndQueriesToAxonServer() throws IOException {
        try (ConfigurableApplicationContext context = start("axonserver",
                                                           Map.of("axon.axonserver.servers",
                                                                  "127.0.0.1:" + refusedPort()))) {
            assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
            // the database's event store is not built at all
            assertThat(context.getBeansOfType(JdbcEventStorageEngine.class)).isEmpty();
        }
    }

    @Test
    void withoutItEventsLiveInTheDatabaseAndCommandsStayInTheProcess() {
        try (ConfigurableApplicationContext context = start(null, Map.of())) {
            EventStore events = context.getBean(EventStore.class);
            assertThat(events).isInstanceOf(EmbeddedEventStore.class);
            assertThat(context.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
            assertThat(context.getBean(CommandBus.class)).isInstanceOf(SimpleCommandBus.class);
            assertThat(context.getBean(QueryBus.class)).isInstanceOf(SimpleQueryBus.class);
            assertThat(context.getBeansOfType(AxonServerCommandBus.class)).isEmpty();
        }
    }

    private static ConfigurableApplicationContext start(String profile, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("spring.datasource.url", "jdbc:h2:mem:axonserver-" + profile + ";DB_CLOSE_DELAY=-1");
        properties.put("gateway.data-dir", "target/test-data");
        properties.put("server.port", "0");
        SpringApplicationBuilder app = new SpringApplicationBuilder(GatewayApplication.class);
        if (profile != null) {
            app.profiles(profile);
        }
        // as arguments: they win over application.yml, as on a command line
        return app.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                                 .toArray(String[]::new));
    }

    /** A loopback port nothing listens on. */
    private static int refusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
