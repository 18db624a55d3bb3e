package io.theriseunion.imagegateway.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client process of the fan-out benchmark: {@code --subscribers=N} graphql-transport-ws clients (Java's HTTP
 * client, one instance per full thousand of sockets), client i subscribed to {@code syncStatusChanged} of namespace
 * {@code --namespace} or, when that is not given, of team-(offset + i) mod 100. It reads commands from stdin:
 * {@code measure <fromMillis>} starts counting events whose {@code at} is not before the instant;
 * {@code until <toMillis>} counts no event whose {@code at} is that late or later (those still on their way keep
 * arriving and are counted); {@code report} prints one line
 * {@code REPORT <acknowledged> <deliveries> <errors> <all events' histogram> <SYNCING's histogram>} (base64) and
 * exits, closing its sockets: the processes report one after another, and until session 47 the others went on
 * counting while the gateway closed the first one's thousands of sockets.
 */
public final class FanOutClients {

    private static final String DOCUMENT = "subscription($ns: String) { syncStatusChanged(namespace: $ns) {"
            + " namespace name syncStatus at } }";

    private final Histogram latency = new Histogram(60_000_000L, 3);
    /** SYNCING events alone: a scheduled check tells its SYNCING at its at, its SUCCESS once its batch is recorded. */
    private final Histogram syncing = new Histogram(60_000_000L, 3);
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureTo = Long.MAX_VALUE;
    /** --slow=MS: per second of the window (by the events' at), the deliveries slower than MS and the slowest. */
    private long slowMillis = Long.MAX_VALUE;
    private final long[] slowCounts = new long[600];
    private final long[] slowest = new long[600];
    private final long[] slowSyncing = new long[600];

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        String callbacks = a.getOrDefault("callbacks", "selector");
        if (!callbacks.equals("selector") && !callbacks.equals("pool")) {
            throw new IllegalArgumentException("--callbacks: selector or pool, not " + callbacks);
        }
        FanOutClients client = new FanOutClients();
        client.slowMillis = Long.parseLong(a.getOrDefault("slow", String.valueOf(Long.MAX_VALUE)));
        client.run(URI.create(a.get("url")), Integer.parseInt(a.get("subscribers")),
                   Integer.parseInt(a.getOrDefault("offset", "0")), a.get("namespace"), callbacks.equals("selector"));
    }

    /**
     * onSelector: each HTTP client runs its sockets' callbacks on its own selector thread (they only parse and count);
     * otherwise on Java's default executor, a thread pool that each received message is handed to (before session 47:
     * several runnable threads per process, each delivery timed after that hand-off).
     */
    private void run(URI url, int subscribers, int offset, String namespace, boolean onSelector) throws Exception {
        List<HttpClient> clients = new ArrayList<>();
        for (int c = 0; c < Math.max(1, subscribers / 1000); c++) {
            clients.add(onSelector ? HttpClient.newBuilder().executor(Runnable::run).build()
                                   : HttpClient.newHttpClient());
        }
        List<WebSocket> open = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            String ns = namespace != null ? namespace : String.format("team-%02d", (offset + i) % 100);
            open.add(clients.get(i % clients.size()).newWebSocketBuilder().subprotocols("graphql-transport-ws")
                            .buildAsync(url, new Subscriber(ns)).get(60, TimeUnit.SECONDS));
        }
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = commands.readLine()) != null) {
            if (line.startsWith("measure ")) {
                measureFrom = Long.parseLong(line.substring(8).trim());
            } else if (line.startsWith("until ")) {
                measureTo = Long.parseLong(line.substring(6).trim());
            } else if (line.equals("acknowledged")) {
                System.out.println("ACK " + acknowledged.get());
            } else if (line.equals("report")) {
                String all;
                String syncingOnly;
                synchronized (latency) {
                    all = encoded(latency);
                    syncingOnly = encoded(syncing);
                    for (int second = 0; second < slowCounts.length; second++) {
                        if (slowCounts[second] > 0) {
                            System.err.printf("SLOW %s +%ds: %d deliveries over %d ms (%d SYNCING), slowest %d ms%n",
                                              Instant.ofEpochMilli(measureFrom + second * 1000L), second,
                                              slowCounts[second], slowMillis, slowSyncing[second], slowest[second]);
                        }
                    }
                }
                System.out.println("REPORT " + acknowledged.get() + " " + deliveries.get() + " " + errors.get() + " "
                                           + all + " " + syncingOnly);
                System.out.flush();
                break;
            }
            System.out.flush();
        }
        for (WebSocket s : open) {
            s.abort();
        }
        System.exit(0);
    }

    private final class Subscriber implements WebSocket.Listener {

        private final String namespace;
        private final StringBuilder frame = new StringBuilder();
        /** The last send: Java's WebSocket fails a send made while another is pending, so each waits for the one before. */
        private CompletableFuture<?> sent = CompletableFuture.completedFuture(null);

        private synchronized CompletableFuture<?> send(WebSocket socket, String text) {
            CompletableFuture<?> next = sent.handle((x, e) -> null).thenCompose(x -> socket.sendText(text, true));
            sent = next;
            return next;
        }

        Subscriber(String namespace) {
            this.namespace = namespace;
        }

        @Override
        public void onOpen(WebSocket socket) {
            send(socket, "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer "
                                 + Gateway.ADMIN_TOKEN + "\"}}");
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                String text = frame.toString();
                frame.setLength(0);
                if (text.contains("\"next\"")) {
                    int at = text.indexOf("\"at\":\"");
                    long sent = Instant.parse(text.substring(at + 6, text.indexOf('"', at + 6))).toEpochMilli();
                    if (sent >= measureFrom && sent < measureTo) {
                        deliveries.incrementAndGet();
                        synchronized (latency) {
                            latency.recordValue(Math.max(1, (now - sent) * 1000));
                            boolean isSyncing = text.contains("\"syncStatus\":\"SYNCING\"");
                            if (isSyncing) {
                                syncing.recordValue(Math.max(1, (now - sent) * 1000));
                            }
                            int second = (int) ((sent - measureFrom) / 1000);
                            if (now - sent > slowMillis && second < slowCounts.length) {
                                slowCounts[second]++;
                                slowSyncing[second] += isSyncing ? 1 : 0;
                                slowest[second] = Math.max(slowest[second], now - sent);
                            }
                        }
                    }
                } else if (text.contains("\"connection_ack\"")) {
                    send(socket, "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\""
                                         + DOCUMENT.replace("\"", "\\\"") + "\",\"variables\":{\"ns\":\""
                                         + namespace + "\"}}}")
                          .thenRun(acknowledged::incrementAndGet);
                } else if (text.contains("\"error\"") || text.contains("\"complete\"")) {
                    errors.incrementAndGet();
                    System.err.println("subscription ended: " + text);
                } else if (text.contains("\"ping\"")) {
                    send(socket, "{\"type\":\"pong\"}");
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            errors.incrementAndGet();
            System.err.println("closed by the server: " + status + " " + reason);
            return null;
        }
    }

    private static String encoded(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        histogram.encodeIntoCompressedByteBuffer(buffer);
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
