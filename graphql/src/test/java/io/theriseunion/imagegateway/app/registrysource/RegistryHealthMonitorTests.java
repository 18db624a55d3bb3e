package io.theriseunion.imagegateway.app.registrysource;

import io.theriseunion.imagegateway.support.GatewayClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.theriseunion.imagegateway.support.GatewayClient.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A source whose registry hangs is checked once at a time: rounds of health checks while its check still
 * waits queue nothing more for it, so an unreachable source cannot fill the checkers' queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:health-monitor;DB_CLOSE_DELAY=-1",
                                  "gateway.data-dir=target/test-data", "gateway.registry.read-timeout=5m"})
class RegistryHealthMonitorTests {

    @LocalServerPort
    int port;

    @Autowired
    RegistryHealthMonitor monitor;

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private ServerSocket silent;

    @AfterEach
    void close() throws IOException {
        for (Socket s : held) {
            s.close();
        }
        silent.close();
    }

    @Test
    void aHangingSourceIsNotQueuedAgainWhileItsCheckWaits() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        String ns = freshNamespace("health");
        GatewayClient.graphQl(port).documentName("addRegistry").fragmentName("registryFields")
                     .variable("input", Map.of("namespace", ns, "name", "silent",
                                               "url", "http://127.0.0.1:" + silent.getLocalPort(), "insecure", true))
                     .execute().path("addRegistry.name").hasValue();
        await().atMost(Duration.ofSeconds(20)).until(() -> held.size() == 1);

        for (int round = 0; round < 5; round++) {
            monitor.checkAll();
            monitor.checkSoon(ns, "silent");
        }
        assertThat(monitor.pendingChecks()).isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> held.size() == 1);
    }
}
