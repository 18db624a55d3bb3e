package io.theriseunion.imagegateway.app.config;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Collection;
import java.util.Set;

/**
 * Applies each event of a projection inside a savepoint of the batch's transaction: when a handler fails, its
 * writes are rolled back alone, the event goes to the dead-letter queue and the batch goes on. Without it, a
 * failed statement on PostgreSQL aborts the whole transaction (and with it the token update), so the processor
 * would retry the same batch for ever.
 */
public class EventSavepoints implements HandlerEnhancerDefinition {

    private final TransactionTemplate savepoint;
    private final Set<String> groups;

    public EventSavepoints(PlatformTransactionManager transactions, Collection<String> groups) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.groups = Set.copyOf(groups);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = original.declaringClass().getAnnotation(ProcessingGroup.class);
        if (group == null || !groups.contains(group.value()) || !original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                try {
                    return savepoint.execute((TransactionStatus status) -> {
                        try {
                            return original.handle(message, target);
                        } catch (Exception e) {
                            throw new HandlerFailure(e);
                        }
                    });
                } catch (HandlerFailure failure) {
                    throw failure.getCause() instanceof Exception e ? e : failure;
                }
            }
        };
    }

    /** Carries a checked exception out of the savepoint's callback, which rolls back on runtime exceptions. */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Exception cause) {
            super(cause);
        }
    }
}
