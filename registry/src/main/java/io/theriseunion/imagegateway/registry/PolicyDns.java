package io.theriseunion.imagegateway.registry;

import okhttp3.Dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks a host name up only when the network policy allows the name, and keeps only the addresses it allows; when
 * none is left the lookup fails with the policy's reason. OkHttp does not ask a {@link Dns} about IP literals:
 * {@link PolicySocketFactory} checks those.
 */
final class PolicyDns implements Dns {

    private final RegistryNetworkPolicy policy;
    private final Dns delegate;

    PolicyDns(RegistryNetworkPolicy policy, Dns delegate) {
        this.policy = policy;
        this.delegate = delegate;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        policy.checkHost(hostname);
        List<InetAddress> allowed = new ArrayList<>();
        ForbiddenHostException refused = null;
        for (InetAddress address : delegate.lookup(hostname)) {
            try {
                policy.checkAddress(hostname, address);
                allowed.add(named(hostname, address));
            } catch (ForbiddenHostException e) {
                refused = refused == null ? e : refused;
            }
        }
        if (allowed.isEmpty() && refused != null) {
            throw refused;
        }
        return allowed;
    }

    /** The address carrying the name it was looked up by, which the socket's own check judges it under. */
    private static InetAddress named(String hostname, InetAddress address) throws UnknownHostException {
        return address instanceof Inet6Address v6
                ? Inet6Address.getByAddress(hostname, v6.getAddress(), v6.getScopeId())
                : InetAddress.getByAddress(hostname, address.getAddress());
    }
}
