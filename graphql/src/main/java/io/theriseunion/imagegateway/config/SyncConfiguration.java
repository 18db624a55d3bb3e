package io.theriseunion.imagegateway.config;

import io.theriseunion.imagegateway.domain.sync.RegistryPort;
import io.theriseunion.imagegateway.domain.sync.SyncProcess;
import io.theriseunion.imagegateway.domain.sync.SyncWorkers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sync process and the workers that run syncs within the global and per-source limits. */
@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    @Bean(destroyMethod = "close")
    SyncWorkers syncWorkers(RegistryPort registries, @Value("${gateway.sync.concurrency:8}") int concurrency) {
        return new SyncWorkers(concurrency, registries::concurrencyLimit);
    }

    @Bean
    SyncProcess syncProcess(CommandGateway commands, RegistryPort registries, SyncWorkers workers) {
        return new SyncProcess(commands, registries, workers);
    }
}
