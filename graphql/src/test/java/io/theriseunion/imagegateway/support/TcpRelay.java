package io.theriseunion.imagegateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry that comes back on a formerly refused loopback port: every connection accepted there is relayed,
 * byte for byte, to the real registry listening on another loopback port.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    public TcpRelay(int port, int target) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
        daemon(() -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException closed) {
                    return;
                }
                try {
                    Socket registry = new Socket(InetAddress.getByName("127.0.0.1"), target);
                    accepted.incrementAndGet();
                    sockets.add(client);
                    sockets.add(registry);
                    // both sockets are closed, and forgotten, once both directions have ended
                    AtomicInteger open = new AtomicInteger(2);
                    Runnable ended = () -> {
                        if (open.decrementAndGet() == 0) {
                            closeQuietly(client);
                            closeQuietly(registry);
                            sockets.remove(client);
                            sockets.remove(registry);
                        }
                    };
                    daemon(() -> pipe(client, registry, ended));
                    daemon(() -> pipe(registry, client, ended));
                } catch (IOException registryDown) {
                    closeQuietly(client);
                }
            }
        });
    }

    /** A loopback port nothing listens on: connecting to it is refused at once. */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.get();
    }

    private static void pipe(Socket from, Socket to, Runnable ended) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
        } catch (IOException closed) {
            // either side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
            ended.run();
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
        Thread t = new Thread(r, "registry-relay");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
