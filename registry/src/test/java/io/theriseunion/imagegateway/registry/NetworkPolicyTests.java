package io.theriseunion.imagegateway.registry;

import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What a network policy allows: its entries, CIDR matching, deny over allow, and the defaults. */
class NetworkPolicyTests {

    private static InetAddress ip(String literal) {
        InetAddress address = IpAddresses.literal(literal);
        assertThat(address).as(literal).isNotNull();
        return address;
    }

    private static RegistryNetworkPolicy denying(String... entries) {
        return RegistryNetworkPolicy.of(List.of(), List.of(entries));
    }

    @Test
    void theDefaultsDenyMetadataServicesAndLoopbackAndAllowPrivateRanges() {
        RegistryNetworkPolicy defaults = RegistryNetworkPolicy.defaults();

        assertThat(defaults.allows("169.254.169.254")).isFalse();
        assertThat(defaults.allows("metadata.google.internal")).isFalse();
        assertThat(defaults.allows("Metadata.Google.Internal.")).isFalse();
        assertThat(defaults.allows("metadata")).isFalse();
        assertThat(defaults.allows("metadata.azure.internal")).isFalse();
        assertThat(defaults.allows("100.100.100.200")).isFalse();
        assertThat(defaults.allows("fd00:ec2::254")).isFalse();
        assertThat(defaults.allows("fe80::1")).isFalse();
        assertThat(defaults.allows("0.0.0.0")).isFalse();
        assertThat(defaults.allows("::")).isFalse();
        assertThat(defaults.allows("127.0.0.1")).isFalse();
        assertThat(defaults.allows("127.9.9.9")).isFalse();
        assertThat(defaults.allows("::1")).isFalse();
        assertThat(defaults.allows("harbor.example.com", ip("127.0.0.1"))).isFalse();
        assertThat(defaults.allows("10.1.2.3")).isTrue();
        assertThat(defaults.allows("172.16.0.1")).isTrue();
        assertThat(defaults.allows("192.168.0.10")).isTrue();
        assertThat(defaults.allows("100.64.0.1")).isTrue();
        assertThat(defaults.allows("fd12:3456::1")).as("unique local, the IPv6 private range").isTrue();
        assertThat(defaults.allows("harbor.example.com")).isTrue();
        assertThat(defaults.allows("harbor.example.com", ip("169.254.169.254"))).isFalse();
        assertThat(defaults.allows("harbor.example.com", ip("10.1.2.3"))).isTrue();
    }

    @Test
    void aLoopbackRefusalNamesTheSettingThatAllowsIt() {
        RegistryNetworkPolicy configured = RegistryNetworkPolicy.defaults()
                .withLoopback(false, "gateway.registry.network.allow-loopback");

        assertThat(configured.hostDenial("127.0.0.1")).isEqualTo("address 127.0.0.1 is denied by the gateway's network"
                + " policy (127.0.0.0/8, loopback is denied by default; gateway.registry.network.allow-loopback=true"
                + " allows it)");
        assertThat(configured.denial("localhost", ip("::1"))).isEqualTo("host localhost resolves to ::1, which the"
                + " gateway's network policy denies (::1/128, loopback is denied by default;"
                + " gateway.registry.network.allow-loopback=true allows it)");
    }

    @Test
    void allowingLoopbackReopensLoopbackAndNothingElse() {
        RegistryNetworkPolicy loopback = RegistryNetworkPolicy.defaults().withLoopback(true, null);

        assertThat(loopback.allows("127.0.0.1")).isTrue();
        assertThat(loopback.allows("::1")).isTrue();
        assertThat(loopback.allows("localhost", ip("127.0.0.1"))).isTrue();
        assertThat(loopback.allows("169.254.169.254")).isFalse();
        assertThat(loopback.allows("fe80::1")).isFalse();
        assertThat(loopback.allows("metadata.google.internal")).isFalse();
        assertThat(loopback.allows("0.0.0.0")).isFalse();
        assertThat(loopback.denying(List.of("127.0.0.2")).allows("127.0.0.2")).isFalse();
        assertThat(RegistryNetworkPolicy.defaults().denying(List.of("127.0.0.0/8")).withLoopback(true, null)
                .allows("127.0.0.1")).as("an explicit denial stays").isFalse();
        assertThat(loopback.allowing(List.of("10.0.0.0/8")).allows("127.0.0.1"))
                .as("a non-empty allow list still has to name it").isFalse();
        assertThat(loopback.denied()).doesNotContain("127.0.0.0/8", "::1/128").contains("169.254.0.0/16");
        assertThat(RegistryNetworkPolicy.defaults().denied()).contains("127.0.0.0/8", "::1/128");
    }

    @Test
    void ipv6FormsThatCarryAnIpv4AddressAreJudgedByIt() {
        RegistryNetworkPolicy defaults = RegistryNetworkPolicy.defaults();

        // NAT64, 6to4 and IPv4-compatible forms of 169.254.169.254 reach the metadata service
        assertThat(defaults.allows("64:ff9b::a9fe:a9fe")).isFalse();
        assertThat(defaults.allows("[64:ff9b::169.254.169.254]")).isFalse();
        assertThat(defaults.allows("2002:a9fe:a9fe::")).isFalse();
        assertThat(defaults.allows("2002:a9fe:a9fe:1234::1")).isFalse();
        assertThat(defaults.allows("::a9fe:a9fe")).isFalse();
        assertThat(defaults.allows("registry.example.com", ip("64:ff9b::7f00:1"))).isFalse();
        assertThat(defaults.allows("2002:7f00:1::")).isFalse();
        assertThat(defaults.allows("::127.0.0.1")).isFalse();
        assertThat(defaults.hostDenial("64:ff9b::a9fe:a9fe")).isEqualTo("address 64:ff9b::a9fe:a9fe (169.254.169.254)"
                + " is denied by the gateway's network policy (169.254.0.0/16)");
        // the same forms of allowed addresses stay allowed, so do IPv6 blocks written as such
        assertThat(defaults.allows("64:ff9b::a00:1")).isTrue();
        assertThat(defaults.allows("2002:cb00:7109::1")).isTrue();
        assertThat(defaults.allows("2001:db8::1")).isTrue();
        assertThat(denying("2002::/16").allows("2002:a00:1::")).isFalse();
        assertThat(denying("10.0.0.0/8").allows("64:ff9b::10.0.0.1")).isFalse();
        assertThat(NetworkRule.parse("64:ff9b::/96")).hasToString("64:ff9b::/96");
    }

    @Test
    void ipv4BlocksMatchByPrefix() {
        CidrRule block = (CidrRule) NetworkRule.parse("10.0.0.0/8");

        assertThat(block.contains(ip("10.0.0.0"))).isTrue();
        assertThat(block.contains(ip("10.255.255.255"))).isTrue();
        assertThat(block.contains(ip("11.0.0.0"))).isFalse();
        assertThat(block.contains(ip("::ffff:10.1.2.3"))).isTrue();
        assertThat(((CidrRule) NetworkRule.parse("172.16.0.0/12")).contains(ip("172.31.255.1"))).isTrue();
        assertThat(((CidrRule) NetworkRule.parse("172.16.0.0/12")).contains(ip("172.32.0.1"))).isFalse();
        assertThat(((CidrRule) NetworkRule.parse("0.0.0.0/0")).contains(ip("203.0.113.9"))).isTrue();
        assertThat(((CidrRule) NetworkRule.parse("0.0.0.0/0")).contains(ip("2001:db8::1"))).isFalse();
    }

    @Test
    void ipv6BlocksMatchByPrefix() {
        CidrRule linkLocal = (CidrRule) NetworkRule.parse("fe80::/10");
        CidrRule aws = (CidrRule) NetworkRule.parse("fd00:ec2::254/128");

        assertThat(linkLocal.contains(ip("fe80::1"))).isTrue();
        assertThat(linkLocal.contains(ip("febf:ffff::1"))).isTrue();
        assertThat(linkLocal.contains(ip("fec0::1"))).isFalse();
        assertThat(linkLocal.contains(ip("169.254.1.1"))).isFalse();
        assertThat(aws.contains(ip("fd00:ec2:0:0:0:0:0:254"))).isTrue();
        assertThat(aws.contains(ip("fd00:ec2::255"))).isFalse();
    }

    @Test
    void ipv4MappedIpv6AddressesAreJudgedAsTheirIpv4Address() throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(new byte[]{(byte) 169, (byte) 254, (byte) 169, (byte) 254}, 0, mapped, 12, 4);
        // the JDK keeps this one an Inet6Address; the literal parser turns the same text into an Inet4Address
        InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);
        RegistryNetworkPolicy defaults = RegistryNetworkPolicy.defaults();

        assertThat(v6).isInstanceOf(Inet6Address.class);
        assertThat(defaults.allows("registry.example.com", v6)).isFalse();
        assertThat(defaults.denial("registry.example.com", v6)).isEqualTo("host registry.example.com resolves to"
                + " 169.254.169.254, which the gateway's network policy denies (169.254.0.0/16)");
        assertThat(defaults.allows("::ffff:169.254.169.254")).isFalse();
        assertThat(defaults.allows("[::ffff:a9fe:a9fe]")).isFalse();
        assertThat(((CidrRule) NetworkRule.parse("::ffff:10.0.0.0/104")).contains(ip("10.9.9.9"))).isTrue();
        assertThat(NetworkRule.parse("::ffff:10.0.0.0/104")).hasToString("10.0.0.0/8");
    }

    @Test
    void denyWinsOverAllow() {
        RegistryNetworkPolicy policy = RegistryNetworkPolicy.of(List.of("10.0.0.0/8", "*.corp.example"),
                List.of("10.0.0.5", "secret.corp.example"));

        assertThat(policy.allows("10.0.0.4")).isTrue();
        assertThat(policy.allows("10.0.0.5")).isFalse();
        assertThat(policy.allows("harbor.corp.example")).isTrue();
        assertThat(policy.allows("secret.corp.example")).isFalse();
        assertThat(policy.allows("harbor.corp.example", ip("10.0.0.5"))).isFalse();
    }

    @Test
    void aNonEmptyAllowListAdmitsOnlyWhatItMatches() {
        RegistryNetworkPolicy byName = RegistryNetworkPolicy.of(List.of("*.corp.example"), List.of());
        RegistryNetworkPolicy byBlock = RegistryNetworkPolicy.of(List.of("10.0.0.0/8"), List.of());

        assertThat(byName.allows("harbor.corp.example", ip("203.0.113.9"))).isTrue();
        assertThat(byName.allows("corp.example")).isFalse();
        assertThat(byName.allows("docker.io")).isFalse();
        assertThat(byName.hostDenial("docker.io"))
                .isEqualTo("host docker.io is not allowed by the gateway's network policy (allowed: *.corp.example)");
        assertThat(byName.allows("10.0.0.1")).isFalse();
        assertThat(byBlock.allows("registry.example.com")).as("known only once resolved").isTrue();
        assertThat(byBlock.allows("registry.example.com", ip("10.3.2.1"))).isTrue();
        assertThat(byBlock.allows("registry.example.com", ip("203.0.113.9"))).isFalse();
        assertThat(byBlock.denial("registry.example.com", ip("203.0.113.9"))).isEqualTo("host registry.example.com"
                + " resolves to 203.0.113.9, which the gateway's network policy does not allow (allowed: 10.0.0.0/8)");
    }

    @Test
    void hostPatternsAreExactOrCoverSubdomainsCaseInsensitively() {
        RegistryNetworkPolicy policy = denying("Internal.Example", "*.svc.cluster.local");

        assertThat(policy.allows("internal.example")).isFalse();
        assertThat(policy.allows("INTERNAL.EXAMPLE.")).isFalse();
        assertThat(policy.allows("www.internal.example")).isTrue();
        assertThat(policy.allows("registry.default.svc.cluster.local")).isFalse();
        assertThat(policy.allows("svc.cluster.local")).isTrue();
        assertThat(policy.allows("evilsvc.cluster.local")).isTrue();
    }

    @Test
    void entriesAreReadIntoCanonicalForm() {
        RegistryNetworkPolicy policy = RegistryNetworkPolicy.of(List.of(" Registry.Example.COM ", "10.1.2.3/8"),
                List.of("fd00:EC2:0::254", "127.0.0.2", "*.Internal"));

        assertThat(policy.allowed()).containsExactly("registry.example.com", "10.0.0.0/8");
        assertThat(policy.denied()).containsExactly("fd00:ec2::254/128", "127.0.0.2/32", "*.internal");
        assertThat(RegistryNetworkPolicy.defaults().denying(List.of("127.0.0.0/8")).denied())
                .contains("169.254.0.0/16", "metadata.google.internal", "127.0.0.0/8");
        assertThat(RegistryNetworkPolicy.defaults().allowing(List.of("10.0.0.0/8")))
                .isEqualTo(RegistryNetworkPolicy.defaults().allowing(List.of("10.0.0.0/8", "10.0.0.0/8")));
    }

    @Test
    void malformedEntriesAreRefusedNamingTheEntry() {
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse("10.0.0.0/33"))
                .withMessage("network policy entry '10.0.0.0/33' has the prefix length /33; it must be a number from"
                        + " 0 to 32");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse("fd00::/129"))
                .withMessageContaining("'fd00::/129'").withMessageContaining("0 to 128");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse("10.0.0.256"))
                .withMessage("network policy entry '10.0.0.256' is not an IP address or CIDR block (10.0.0.0/8,"
                        + " fd00::/8)");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse("10.0.0"))
                .withMessageContaining("'10.0.0' is not an IP address");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse("10.0.0.0/eight"))
                .withMessageContaining("'10.0.0.0/eight' has the prefix length /eight");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse("registry.example.com/8"))
                .withMessageContaining("'registry.example.com/8' is neither a host name");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse("https://registry.example.com"))
                .withMessageContaining("'https://registry.example.com' is neither a host name");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse("*"))
                .withMessageContaining("'*' is neither a host name");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse("a..b"))
                .withMessageContaining("'a..b'");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse("::ffff:10.0.0.0/8"))
                .withMessageContaining("'::ffff:10.0.0.0/8' is an IPv4-mapped block");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkRule.parse(" "))
                .withMessage("a network policy entry is blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistryNetworkPolicy.defaults().denying(List.of("10.0.0.0/8", "bad entry")))
                .withMessageContaining("'bad entry'");
    }

    @Test
    void hostRulesNeverMatchIpLiterals() {
        RegistryNetworkPolicy policy = RegistryNetworkPolicy.of(List.of("*.example.com"), List.of("*.0.0.1"));

        assertThat(policy.allows("127.0.0.1")).isFalse();
        assertThat(policy.hostDenial("127.0.0.1"))
                .isEqualTo("address 127.0.0.1 is not allowed by the gateway's network policy (allowed: *.example.com)");
    }
}
