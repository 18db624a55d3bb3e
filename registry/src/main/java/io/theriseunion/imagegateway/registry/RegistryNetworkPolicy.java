package io.theriseunion.imagegateway.registry;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which hosts and addresses the registry client may connect to, so that a registry URL typed by a user cannot turn
 * the gateway into a probe of its own network. Entries are host names ({@code registry.example.com}, or
 * {@code *.example.com} for every name under it), IP addresses and CIDR blocks ({@code 10.0.0.0/8},
 * {@code fd00::/8}). Deny wins over allow; a non-empty allow list admits only hosts it names and addresses in its
 * blocks. IPv6 addresses that carry an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible
 * {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged as that IPv4 address too.
 * <p>
 * Loopback (127.0.0.0/8, ::1) and link-local addresses are denied by default; {@link #withLoopback} re-opens
 * loopback alone, e.g. for a registry on the gateway's own machine. Private ranges (10.0.0.0/8, 172.16.0.0/12,
 * 192.168.0.0/16, 100.64.0.0/10, the IPv6 unique local fc00::/7) stay allowed: registries on an intranet are the
 * normal case. Deny them with {@link #denying} where that is not wanted.
 * <p>
 * The client checks every connection it makes, redirects and token realms included: the host name before it is
 * looked up, every address it resolves to, and the address a socket actually connects to.
 */
public final class RegistryNetworkPolicy {

    /** Cloud metadata services and addresses no registry lives at; private ranges stay allowed. */
    private static final List<String> DEFAULT_DENIED = List.of(
            "0.0.0.0/8", "::/128",                    // "this network", the unspecified addresses
            "169.254.0.0/16", "fe80::/10",            // link-local: AWS, GCP, Azure, OpenStack... metadata
            "fd00:ec2::254/128",                      // AWS instance metadata over IPv6
            "100.100.100.200/32",                     // Alibaba Cloud metadata
            "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.internal",
            "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com");
    /** Loopback, denied by default apart from the other denials so that it can be re-opened alone. */
    private static final List<NetworkRule> LOOPBACK = List.of(NetworkRule.parse("127.0.0.0/8"),
            NetworkRule.parse("::1/128"));
    private static final int LISTED_IN_MESSAGES = 5;

    private final List<NetworkRule> allowed;
    private final List<NetworkRule> denied;
    private final boolean loopbackDenied;
    private final String loopbackSetting;

    private RegistryNetworkPolicy(List<NetworkRule> allowed, List<NetworkRule> denied, boolean loopbackDenied,
                                  String loopbackSetting) {
        this.allowed = List.copyOf(new LinkedHashSet<>(allowed));
        this.denied = List.copyOf(new LinkedHashSet<>(denied));
        this.loopbackDenied = loopbackDenied;
        this.loopbackSetting = loopbackSetting;
    }

    /**
     * Denies loopback, link-local and cloud metadata addresses and names and the unspecified addresses; allows the
     * rest, private ranges included.
     */
    public static RegistryNetworkPolicy defaults() {
        return new RegistryNetworkPolicy(List.of(), parse(DEFAULT_DENIED, "denied"), true, null);
    }

    /**
     * Exactly these entries, without the defaults' denials (loopback included); {@code defaults().allowing(..)
     * .denying(..)} keeps them.
     *
     * @throws IllegalArgumentException naming the first malformed entry
     */
    public static RegistryNetworkPolicy of(Collection<String> allowed, Collection<String> denied) {
        return new RegistryNetworkPolicy(parse(allowed, "allowed"), parse(denied, "denied"), false, null);
    }

    /** This policy with more allowed entries; once the allow list is non-empty it admits only what it matches. */
    public RegistryNetworkPolicy allowing(Collection<String> entries) {
        List<NetworkRule> more = new ArrayList<>(allowed);
        more.addAll(parse(entries, "entries"));
        return new RegistryNetworkPolicy(more, denied, loopbackDenied, loopbackSetting);
    }

    /** This policy with more denied entries. */
    public RegistryNetworkPolicy denying(Collection<String> entries) {
        List<NetworkRule> more = new ArrayList<>(denied);
        more.addAll(parse(entries, "entries"));
        return new RegistryNetworkPolicy(allowed, more, loopbackDenied, loopbackSetting);
    }

    /**
     * This policy with the default denial of loopback (127.0.0.0/8, ::1) lifted or kept. Lifting it changes nothing
     * else: entries given to {@link #denying} still deny, a non-empty allow list still has to admit loopback.
     *
     * @param allowed whether loopback may be reached
     * @param setting what re-opens loopback where this policy is configured (a configuration key), named in
     *                refusals of loopback addresses; or {@code null}
     */
    public RegistryNetworkPolicy withLoopback(boolean allowed, String setting) {
        return new RegistryNetworkPolicy(this.allowed, denied, !allowed, setting);
    }

    /** The allow list in canonical form ({@code 10.0.0.0/8}, {@code *.example.com}); empty allows everything. */
    public List<String> allowed() {
        return allowed.stream().map(NetworkRule::toString).toList();
    }

    /** The deny list in canonical form, the default loopback denial included while it holds. */
    public List<String> denied() {
        return deniedRules().stream().map(NetworkRule::toString).toList();
    }

    private List<NetworkRule> deniedRules() {
        if (!loopbackDenied) {
            return denied;
        }
        List<NetworkRule> all = new ArrayList<>(denied);
        all.addAll(LOOPBACK);
        return all;
    }

    /** Whether a host name may be looked up, or an IP literal connected to. */
    public boolean allows(String host) {
        return hostDenial(host) == null;
    }

    /** Whether a connection to {@code address}, which {@code host} resolved to, is allowed. */
    public boolean allows(String host, InetAddress address) {
        return denial(host, address) == null;
    }

    /** Throws when {@code host} may not be looked up (a name) or connected to (an IP literal). */
    void checkHost(String host) throws ForbiddenHostException {
        String denial = hostDenial(host);
        if (denial != null) {
            throw new ForbiddenHostException(host, denial);
        }
    }

    /** Throws when a connection to {@code address}, resolved from {@code host} (or {@code null}), is refused. */
    void checkAddress(String host, InetAddress address) throws ForbiddenHostException {
        String denial = denial(host, address);
        if (denial != null) {
            throw new ForbiddenHostException(host != null ? host : IpAddresses.text(address), denial);
        }
    }

    /** Why {@code host} may not be looked up (a name) or connected to (an IP literal), or {@code null}. */
    String hostDenial(String host) {
        Objects.requireNonNull(host, "host");
        InetAddress literal = IpAddresses.literal(host);
        if (literal != null) {
            return addressDenial(null, literal);
        }
        String name = HostRule.normalize(host);
        for (NetworkRule rule : denied) {
            if (rule instanceof HostRule hostRule && hostRule.matches(name)) {
                return "host " + name + " is denied by the gateway's network policy (" + rule + ")";
            }
        }
        boolean blocksAllowed = allowed.stream().anyMatch(CidrRule.class::isInstance);
        if (!allowed.isEmpty() && !blocksAllowed && !allowedByName(name)) {
            return "host " + name + " is not allowed by the gateway's network policy (allowed: " + listed(allowed)
                    + ")";
        }
        return null;
    }

    /**
     * Why a connection to {@code address} may not be made, or {@code null}.
     *
     * @param host the name it was resolved from, or an IP literal or {@code null} when there was none
     */
    String denial(String host, InetAddress address) {
        Objects.requireNonNull(address, "address");
        boolean named = host != null && IpAddresses.literal(host) == null;
        String hostDenial = named ? hostDenial(host) : null;
        return hostDenial != null ? hostDenial : addressDenial(named ? HostRule.normalize(host) : null, address);
    }

    private String addressDenial(String name, InetAddress address) {
        String text = IpAddresses.described(address);
        for (NetworkRule rule : deniedRules()) {
            if (rule instanceof CidrRule block && block.contains(address)) {
                String why = rule + (LOOPBACK.contains(rule) && !denied.contains(rule) ? loopbackHint() : "");
                return name == null
                        ? "address " + text + " is denied by the gateway's network policy (" + why + ")"
                        : "host " + name + " resolves to " + text + ", which the gateway's network policy denies ("
                        + why + ")";
            }
        }
        boolean admitted = allowed.isEmpty() || (name != null && allowedByName(name))
                || allowed.stream().anyMatch(rule -> rule instanceof CidrRule block && block.contains(address));
        if (admitted) {
            return null;
        }
        return name == null
                ? "address " + text + " is not allowed by the gateway's network policy (allowed: " + listed(allowed)
                + ")"
                : "host " + name + " resolves to " + text + ", which the gateway's network policy does not allow"
                + " (allowed: " + listed(allowed) + ")";
    }

    private String loopbackHint() {
        return loopbackSetting == null ? ", loopback is denied by default"
                : ", loopback is denied by default; " + loopbackSetting + "=true allows it";
    }

    private boolean allowedByName(String name) {
        return allowed.stream().anyMatch(rule -> rule instanceof HostRule hostRule && hostRule.matches(name));
    }

    private static String listed(List<NetworkRule> rules) {
        String shown = rules.stream().limit(LISTED_IN_MESSAGES).map(NetworkRule::toString)
                .collect(Collectors.joining(", "));
        return rules.size() > LISTED_IN_MESSAGES ? shown + " and " + (rules.size() - LISTED_IN_MESSAGES) + " more"
                : shown;
    }

    private static List<NetworkRule> parse(Collection<String> entries, String name) {
        Objects.requireNonNull(entries, name);
        return entries.stream().map(NetworkRule::parse).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistryNetworkPolicy policy && policy.allowed.equals(allowed)
                && policy.denied.equals(denied) && policy.loopbackDenied == loopbackDenied;
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowed, denied, loopbackDenied);
    }

    @Override
    public String toString() {
        return "RegistryNetworkPolicy[allowed=" + allowed + ", denied=" + deniedRules() + "]";
    }
}
