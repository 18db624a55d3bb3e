package io.theriseunion.imagegateway.config;

import io.theriseunion.imagegateway.domain.registry.RegistrySourceIndex;
import io.theriseunion.imagegateway.domain.repository.RepositoryNameIndex;
import io.theriseunion.imagegateway.domain.sync.SyncProcess;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon wiring that the properties in application.yml cannot express. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * The sync process acts on new events only: a new node, a reset or a first start
     * on old data must not replay years of SyncRequested events into registry calls.
     */
    @Bean
    ConfigurerModule sideEffectsStartAtTheHead() {
        TrackingEventProcessorConfiguration fromHead = TrackingEventProcessorConfiguration
                .forSingleThreadedProcessing()
                .andInitialTrackingToken(StreamableMessageSource::createHeadToken);
        return configurer -> configurer.eventProcessing()
                                       .registerTrackingEventProcessorConfiguration(SyncProcess.PROCESSING_GROUP,
                                                                                    c -> fromHead);
    }

    /**
     * The name indexes guard uniqueness and references: a failure there (a concurrent add of the same name) must fail the
     * command and roll back its events, not be logged and ignored as Axon does by default.
     */
    @Bean
    ConfigurerModule nameIndexFailuresFailTheCommand() {
        return configurer -> configurer.eventProcessing()
                                       .registerListenerInvocationErrorHandler(
                                               RepositoryNameIndex.PROCESSING_GROUP,
                                               c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               RegistrySourceIndex.PROCESSING_GROUP,
                                               c -> PropagatingErrorHandler.instance());
    }
}
