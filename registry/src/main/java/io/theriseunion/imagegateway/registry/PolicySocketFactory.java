package io.theriseunion.imagegateway.registry;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * Plain sockets that ask the network policy about the address they are about to connect to: the last check, on
 * the address really used, whatever the URL said (IP literals, which OkHttp never passes to its Dns, included).
 */
final class PolicySocketFactory extends SocketFactory {

    private final RegistryNetworkPolicy policy;

    PolicySocketFactory(RegistryNetworkPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Socket createSocket() {
        return new PolicySocket(policy);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
    }

    private Socket connected(SocketAddress local, SocketAddress remote) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A socket whose {@code connect} checks the target first ({@code connect(address)} calls it too). */
    private static final class PolicySocket extends Socket {

        private final RegistryNetworkPolicy policy;

        PolicySocket(RegistryNetworkPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (endpoint instanceof InetSocketAddress target) {
                if (target.isUnresolved()) {
                    policy.checkHost(target.getHostString());
                } else {
                    policy.checkAddress(target.getHostString(), target.getAddress());
                }
            }
            super.connect(endpoint, timeout);
        }
    }
}
