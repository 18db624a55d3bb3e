package io.theriseunion.imagegateway.registry;

import okhttp3.HttpUrl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** IP literals read without a DNS lookup, and addresses in the form the network policy compares. */
final class IpAddresses {

    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9a-fA-F:][0-9a-fA-F:.]*");
    /** RFC 6052's well-known NAT64 prefix 64:ff9b::/96. */
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private IpAddresses() {
    }

    /**
     * The address a dotted-quad IPv4 or an IPv6 literal (with or without brackets) stands for, or {@code null}
     * when {@code text} is not such a literal. Never resolves a name.
     */
    static InetAddress literal(String text) {
        String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (DOTTED_QUAD.matcher(host).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = host.split("\\.");
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return address(bytes);
        }
        if (IPV6.matcher(host).matches()) {
            try {
                // a string with a colon is only ever parsed as an IPv6 literal, never looked up
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The address's bytes; an IPv6 address that carries an IPv4 address as its 4 IPv4 bytes: IPv4-mapped
     * ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}, but not {@code ::} or {@code ::1}), NAT64
     * ({@code 64:ff9b::a.b.c.d}) and 6to4 ({@code 2002:aabb:ccdd::}). Such an address reaches that IPv4 host,
     * through a translator or a tunnel, so the network policy judges it as that host.
     */
    static byte[] canonical(InetAddress address) {
        byte[] bytes = address.getAddress();
        byte[] embedded = bytes.length == 16 ? embeddedIpv4(bytes) : null;
        return embedded != null ? embedded : bytes;
    }

    /** The IPv4 address an IPv6 address embeds (see {@link #canonical}), or {@code null}. */
    static byte[] embeddedIpv4(byte[] v6) {
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        if (zero(v6, 0, 10) && v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (zero(v6, 0, 12) && !(zero(v6, 12, 15) && (v6[15] == 0 || v6[15] == 1))) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (Arrays.equals(Arrays.copyOfRange(v6, 0, 12), NAT64_PREFIX)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        return null;
    }

    /** The address as text, an IPv4-mapped IPv6 address in its IPv4 form. */
    static String text(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && zero(bytes, 0, 10) && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff
                ? text(canonical(address)) : text(bytes);
    }

    /** As {@link #text(InetAddress)}, followed by the IPv4 address another IPv6 form embeds: {@code 64:ff9b::a9fe:a9fe (169.254.169.254)}. */
    static String described(InetAddress address) {
        String text = text(address);
        String embedded = text(canonical(address));
        return text.equals(embedded) ? text : text + " (" + embedded + ")";
    }

    /** 4 or 16 address bytes as text; IPv6 in its shortest form ({@code fe80::}). */
    static String text(byte[] bytes) {
        String text = address(bytes).getHostAddress();
        // OkHttp writes IPv6 hosts in the canonical RFC 5952 form
        return text.contains(":") ? HttpUrl.get("http://[" + text + "]/").host() : text;
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}
