package io.theriseunion.imagegateway.registry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host name of a {@link RegistryNetworkPolicy}: exact ({@code metadata.google.internal}) or every name under a
 * domain ({@code *.example.com}, which does not match {@code example.com} itself). Case-insensitive; a trailing
 * dot is ignored. It never matches an IP literal: addresses are matched by {@link CidrRule}s.
 */
record HostRule(String name, boolean wildcard) implements NetworkRule {

    private static final String LABEL = "[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?";
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?" + LABEL + "(\\." + LABEL + ")*\\.?");

    static HostRule parse(String entry, String text) {
        if (!NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("network policy entry '" + entry + "' is neither a host name"
                    + " (registry.example.com, *.example.com) nor an IP address or CIDR block (10.0.0.0/8, fd00::/8)");
        }
        boolean wildcard = text.startsWith("*.");
        return new HostRule(normalize(wildcard ? text.substring(2) : text), wildcard);
    }

    /** Lower case, without a trailing dot: the form rules and hosts are compared in. */
    static String normalize(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** @param host a normalized host name */
    boolean matches(String host) {
        return wildcard ? host.endsWith("." + name) : host.equals(name);
    }

    @Override
    public String toString() {
        return wildcard ? "*." + name : name;
    }
}
