package io.theriseunion.imagegateway.app.origin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client address the audit log records: the TCP peer, unless the peer is a trusted proxy
 * ({@code gateway.security.trusted-proxies}); then {@code X-Forwarded-For} is read from the right, skipping trusted
 * proxies, and the first address that is not one is the client. A malformed entry stops the walk at the proxy that
 * passed it on; the header of an untrusted peer is never read.
 */
public final class ClientAddress {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private final List<IpAddressMatcher> trusted;

    public ClientAddress(List<String> trustedProxies) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String proxy : trustedProxies) {
            try {
                matchers.add(new IpAddressMatcher(proxy));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("gateway.security.trusted-proxies: \"" + proxy + "\" is not an IP"
                        + " address or CIDR such as 10.0.0.0/8 or fd00::/8", e);
            }
        }
        this.trusted = List.copyOf(matchers);
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!LITERAL.matcher(hop).matches()) {
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        if (trusted.isEmpty() || address == null || !LITERAL.matcher(address).matches()) {
            return false;
        }
        for (IpAddressMatcher matcher : trusted) {
            try {
                if (matcher.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }
}
