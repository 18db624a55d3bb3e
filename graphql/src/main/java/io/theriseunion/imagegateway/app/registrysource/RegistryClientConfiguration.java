package io.theriseunion.imagegateway.app.registrysource;

import io.theriseunion.imagegateway.registry.RegistryClient;
import io.theriseunion.imagegateway.registry.RegistryNetworkPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one OCI registry client of the gateway, shared by health checks and syncs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryClientProperties.class)
public class RegistryClientConfiguration {

    /** Which addresses registries may be reached at; also asked by the health check before it opens a breaker. */
    @Bean
    RegistryNetworkPolicy registryNetworkPolicy(RegistryClientProperties properties) {
        RegistryClientProperties.Network network = properties.network();
        return RegistryNetworkPolicy.defaults()
                                    .withLoopback(network.allowLoopback(), RegistryClientProperties.ALLOW_LOOPBACK)
                                    .allowing(network.allow())
                                    .denying(network.deny());
    }

    @Bean(destroyMethod = "close")
    RegistryClient registryClient(RegistryClientProperties properties, RegistryRequests requests,
                                  RegistryNetworkPolicy policy) {
        RegistryClientProperties.Limits limits = properties.limits();
        return RegistryClient.builder()
                             .userAgent("image-gateway/0.1 (+OCI distribution client)")
                             .connectTimeout(properties.connectTimeout())
                             .readTimeout(properties.readTimeout())
                             .requestListener(requests)
                             .networkPolicy(policy)
                             .maxTagPages(limits.tagPages())
                             .maxTags(limits.tags())
                             .maxIndexEntries(limits.indexEntries())
                             .maxLayersPerManifest(limits.layersPerManifest())
                             .maxImageLayers(limits.imageLayers())
                             .maxCacheBytes(limits.cacheBytes().toBytes())
                             .limitSettingPrefix(RegistryClientProperties.LIMITS_PREFIX)
                             .build();
    }
}
