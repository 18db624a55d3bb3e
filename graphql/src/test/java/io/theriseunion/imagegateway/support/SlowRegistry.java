package io.theriseunion.imagegateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow registry source: a loopback port that relays every connection to the real registry, holding each request
 * (each chunk the gateway sends) for a fixed delay before passing it on. Syncs against it take seconds instead of
 * milliseconds, so that a node holds runs when it is stopped or killed. It counts the requests in hand at once (a
 * connection's request from its first byte until the first byte of its answer), so that a benchmark can see how
 * many requests all the gateways together send to the source at the same time.
 */
public final class SlowRegistry implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inHand = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public SlowRegistry(int target, Duration delay) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 200);
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket registry = new Socket(InetAddress.getByName("127.0.0.1"), target);
                    sockets.add(client);
                    sockets.add(registry);
                    AtomicBoolean asking = new AtomicBoolean();
                    daemon(() -> pipe(client, registry, delay, () -> {
                        if (asking.compareAndSet(false, true)) {
                            peak.accumulateAndGet(inHand.incrementAndGet(), Math::max);
                        }
                    }, () -> {
                        if (asking.compareAndSet(true, false)) {
                            inHand.decrementAndGet();
                        }
                    }));
                    daemon(() -> pipe(registry, client, Duration.ZERO, () -> {
                        if (asking.compareAndSet(true, false)) {
                            inHand.decrementAndGet();
                        }
                    }, () -> { }));
                } catch (IOException closed) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The most requests in hand at once since the last call (or since the start); starts counting anew. */
    public int takePeak() {
        return peak.getAndSet(inHand.get());
    }

    /**
     * @param chunk  runs for every chunk read, before it is held and passed on
     * @param ended  runs once the connection ends
     */
    private void pipe(Socket from, Socket to, Duration delay, Runnable chunk, Runnable ended) {
        byte[] buffer = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                chunk.run();
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException closed) {
            // either side closed
        } finally {
            ended.run();
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "slow-registry");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
