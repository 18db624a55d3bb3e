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

    /** The address's bytes, with an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as its 4 IPv4 bytes. */
    static byte[] canonical(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && isIpv4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    /** The address as text, an IPv4-mapped IPv6 address in its IPv4 form. */
    static String text(InetAddress address) {
        return text(canonical(address));
    }

    /** 4 or 16 address bytes as text; IPv6 in its shortest form ({@code fe80::}). */
    static String text(byte[] bytes) {
        String text = address(bytes).getHostAddress();
        // OkHttp writes IPv6 hosts in the canonical RFC 5952 form
        return text.contains(":") ? HttpUrl.get("http://[" + text + "]/").host() : text;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}
