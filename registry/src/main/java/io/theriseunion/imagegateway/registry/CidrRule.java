package io.theriseunion.imagegateway.registry;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses of a {@link RegistryNetworkPolicy} ({@code 10.0.0.0/8}, {@code fe80::/10}, a
 * bare address for a block of one). An IPv6 address that embeds an IPv4 address (IPv4-mapped, IPv4-compatible,
 * NAT64, 6to4: see {@link IpAddresses#canonical}) is in an IPv4 block when its IPv4 address is, and in an IPv6
 * block when its IPv6 form is.
 */
final class CidrRule implements NetworkRule {

    private static final int MAPPED_PREFIX = 96;
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");

    private final byte[] network;
    private final int prefix;

    private CidrRule(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Whether a lower-case entry is meant as an address or block rather than a host name. */
    static boolean looksLikeAddress(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        return IpAddresses.literal(address) != null || NUMERIC.matcher(address).matches();
    }

    static CidrRule parse(String entry, String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = IpAddresses.literal(addressText);
        if (address == null) {
            throw new IllegalArgumentException("network policy entry '" + entry + "' is not an IP address or CIDR"
                    + " block (10.0.0.0/8, fd00::/8)");
        }
        // "::ffff:10.0.0.0/104" is written in IPv6 bits but compared as IPv4
        int offset = addressText.contains(":") && address instanceof Inet4Address ? MAPPED_PREFIX : 0;
        byte[] bytes = address.getAddress();
        int max = bytes.length * 8 + offset;
        int bits = slash < 0 ? max : prefixLength(entry, text.substring(slash + 1), max);
        if (bits < offset) {
            throw new IllegalArgumentException("network policy entry '" + entry + "' is an IPv4-mapped block; its"
                    + " prefix length must be at least /" + MAPPED_PREFIX);
        }
        return new CidrRule(mask(bytes, bits - offset), bits - offset);
    }

    boolean contains(InetAddress address) {
        return matches(address.getAddress()) || matches(IpAddresses.canonical(address));
    }

    private boolean matches(byte[] bytes) {
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrRule rule && rule.prefix == prefix && Arrays.equals(rule.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return IpAddresses.text(network) + "/" + prefix;
    }

    private static int prefixLength(String entry, String text, int max) {
        int bits = text.matches("\\d{1,3}") ? Integer.parseInt(text) : -1;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("network policy entry '" + entry + "' has the prefix length /" + text
                    + "; it must be a number from 0 to " + max);
        }
        return bits;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xff << (8 - bits)));
        }
        return masked;
    }
}
