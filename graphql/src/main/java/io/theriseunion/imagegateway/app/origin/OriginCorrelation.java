package io.theriseunion.imagegateway.app.origin;

import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Carries the request origin through Axon: a command sent while handling a request gets the origin as
 * metadata; everything a handled message causes (events, deadlines, further commands) copies it. A deadline
 * that fires acts as {@code system:scheduler}, correlated by the deadline's id (its schedule).
 */
@Configuration(proxyBeanMethods = false)
public class OriginCorrelation {

    private static final List<String> KEYS = List.of(RequestOrigin.ACTOR, RequestOrigin.CLIENT_ADDRESS,
                                                     RequestOrigin.USER_AGENT, RequestOrigin.CORRELATION_ID);

    @Bean
    CorrelationDataProvider requestOriginCorrelation() {
        return message -> {
            Map<String, Object> data = new HashMap<>();
            if (message instanceof DeadlineMessage<?>) {
                data.put(RequestOrigin.ACTOR, RequestOrigin.SCHEDULER);
                data.put(RequestOrigin.CORRELATION_ID, message.getIdentifier());
                return data;
            }
            for (String key : KEYS) {
                Object value = message.getMetaData().get(key);
                if (value != null) {
                    data.put(key, value);
                }
            }
            data.putIfAbsent(RequestOrigin.CORRELATION_ID, message.getIdentifier());
            return data;
        };
    }

    @Bean
    SmartInitializingSingleton commandsCarryTheRequestOrigin(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new OriginDispatchInterceptor());
    }

    /** Adds the current request's origin to commands that do not name one. */
    static final class OriginDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
            return (index, command) -> {
                RequestOrigin origin = CurrentOrigin.get();
                if (origin == null || command.getMetaData().containsKey(RequestOrigin.ACTOR)) {
                    return command;
                }
                return command.andMetaData(origin.asMetaData());
            };
        }
    }

}
