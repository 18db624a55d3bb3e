package io.theriseunion.imagegateway.app.sync;

import io.theriseunion.imagegateway.domain.sync.RegistryPort;
import io.theriseunion.imagegateway.domain.sync.SyncProcess;
import io.theriseunion.imagegateway.domain.sync.SyncWorkers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The sync process and the workers that run syncs within the global and per-source limits. */
@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    @Bean(destroyMethod = "close")
    SyncWorkers syncWorkers(RegistryPort registries, @Value("${gateway.sync.concurrency:8}") int concurrency,
                            @Value("${gateway.sync.max-share-per-source:0.5}") double maxShare) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("gateway.sync.concurrency must be at least 1, not " + concurrency);
        }
        if (!(maxShare > 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("gateway.sync.max-share-per-source must be above 0 and at most 1"
                    + " (a fraction of gateway.sync.concurrency), not " + maxShare);
        }
        return new SyncWorkers(concurrency, SyncWorkers.perSourceCap(concurrency, maxShare),
                               registries::concurrencyLimit, Clock.systemUTC());
    }

    @Bean
    SyncProcess syncProcess(CommandGateway commands, RegistryPort registries, SyncWorkers workers) {
        return new SyncProcess(commands, registries, workers);
    }
}
