package io.theriseunion.imagegateway.registry;

/**
 * Clients for tests against servers on loopback addresses (MockWebServer, docker-registry on 127.0.0.1): the
 * default network policy with loopback allowed, as the gateway's {@code allow-loopback} setting does.
 */
final class LoopbackClients {

    static final RegistryNetworkPolicy POLICY = RegistryNetworkPolicy.defaults().withLoopback(true, null);

    private LoopbackClients() {
    }

    static RegistryClient.Builder builder() {
        return RegistryClient.builder().networkPolicy(POLICY);
    }
}
