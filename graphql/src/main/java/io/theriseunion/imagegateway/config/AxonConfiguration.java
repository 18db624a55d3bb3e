package io.theriseunion.imagegateway.config;

import io.theriseunion.imagegateway.domain.repository.RepositoryNameIndex;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon wiring that the properties in application.yml cannot express. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * The name index guards uniqueness: a failure there (a concurrent add of the same name) must fail the
     * command and roll back its events, not be logged and ignored as Axon does by default.
     */
    @Bean
    ConfigurerModule nameIndexFailuresFailTheCommand() {
        return configurer -> configurer.eventProcessing()
                                       .registerListenerInvocationErrorHandler(
                                               RepositoryNameIndex.PROCESSING_GROUP,
                                               c -> PropagatingErrorHandler.instance());
    }
}
