package io.theriseunion.imagegateway.registry;

import java.util.Locale;

/** One entry of a {@link RegistryNetworkPolicy}: a host name pattern or a block of IP addresses. */
sealed interface NetworkRule permits HostRule, CidrRule {

    /**
     * Reads a configuration entry: {@code registry.example.com}, {@code *.example.com}, {@code 10.0.0.0/8},
     * {@code fd00::/8}, or a bare IP address (a block of one).
     *
     * @throws IllegalArgumentException naming the entry when it is none of these
     */
    static NetworkRule parse(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("a network policy entry is blank");
        }
        String text = entry.strip().toLowerCase(Locale.ROOT);
        return CidrRule.looksLikeAddress(text) ? CidrRule.parse(entry, text) : HostRule.parse(entry, text);
    }

    /** The entry in canonical form, as messages show it. */
    @Override
    String toString();
}
