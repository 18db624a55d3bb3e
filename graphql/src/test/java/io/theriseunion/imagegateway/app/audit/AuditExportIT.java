package io.theriseunion.imagegateway.app.audit;

import io.theriseunion.imagegateway.support.GatewayJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The NDJSON export of a large log within a fixed heap: the gateway jar runs with a 96 MB heap (and an 8 MB
 * database page cache) and exports 100,000 entries of about 1 KB each (more bytes than its whole heap) in one
 * response.
 */
class AuditExportIT {

    private static final int ENTRIES = 100_000;
    private static final String HEAP = "-Xmx96m";

    private final Path data = Path.of("target", "audit-export-" + System.nanoTime()).toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
    }

    private Process start(int port) throws Exception {
        // H2's page cache is a fixed cost of its own: 8 MB instead of 64
        return GatewayJar.start(port, data, List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"),
                                List.of("--spring.datasource.url=jdbc:h2:file:" + data.resolve("gateway")
                                                + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=8192"));
    }

    /** Writes the entries straight into the stopped gateway's database, as a long history would have left them. */
    private void fillAuditLog() throws Exception {
        String details = "{\"description\":{\"before\":null,\"after\":\"" + "x".repeat(900) + "\"}}";
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("gateway"), "sa", "");
             PreparedStatement insert = c.prepareStatement(
                     "insert into audit_entry (position, id, at, actor, action, target_kind, target_id, namespace,"
                             + " target_name, details, correlation_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            OffsetDateTime at = OffsetDateTime.ofInstant(Instant.parse("2024-01-08T08:00:00Z"), ZoneOffset.UTC);
            for (int i = 0; i < ENTRIES; i++) {
                insert.setLong(1, 1_000_000_000L + i);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setObject(3, at.plusSeconds(i));
                insert.setString(4, "alice");
                insert.setString(5, "repository.metadata.edited");
                insert.setString(6, "REPOSITORY");
                insert.setString(7, UUID.randomUUID().toString());
                insert.setString(8, "bulk");
                insert.setString(9, "app-" + i);
                insert.setString(10, details);
                insert.setString(11, "c-" + i);
                insert.addBatch();
                if (i % 5_000 == 4_999) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    @Test
    void aHundredThousandEntriesStreamThroughA96MegabyteHeap() throws Exception {
        int port = freePort();
        gateway = start(port); // creates the schema
        gateway.destroy();
        assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).isTrue();
        fillAuditLog();
        gateway = start(port);

        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/audit/export")).header("Authorization", "Bearer " + GatewayJar.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long lines = 0;
        long bytes = 0;
        String first = null;
        String last = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (first == null) {
                    first = line;
                }
                last = line;
                lines++;
                bytes += line.length() + 1;
            }
        }

        assertThat(lines).isEqualTo(ENTRIES);
        assertThat(bytes).as("more bytes than the gateway's heap").isGreaterThan(96L * 1024 * 1024);
        assertThat(first).contains("\"targetName\":\"app-0\"");
        assertThat(last).contains("\"targetName\":\"app-" + (ENTRIES - 1) + "\"");
        assertThat(gateway.isAlive()).as("the gateway survived the export").isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
