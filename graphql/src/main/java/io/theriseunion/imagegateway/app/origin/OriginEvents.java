package io.theriseunion.imagegateway.app.origin;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Publishes an event that belongs to no aggregate (a refusal, a token or secret issued) with the current
 * request's origin as metadata, as commands get it, so the audit log says who and from where.
 */
@Component
public class OriginEvents {

    private final EventGateway events;

    public OriginEvents(EventGateway events) {
        this.events = events;
    }

    public void publish(Object event) {
        var origin = CurrentOrigin.get();
        events.publish(GenericEventMessage.asEventMessage(event)
                                          .andMetaData(origin == null ? Map.of() : origin.asMetaData()));
    }
}
