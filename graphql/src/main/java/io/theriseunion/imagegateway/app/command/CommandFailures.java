package io.theriseunion.imagegateway.app.command;

import io.theriseunion.imagegateway.app.cluster.ConflictRetries;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a failed command means to its caller, for both write services ({@code Catalogue}, {@code RegistrySources}):
 * the refusal the aggregate or a name index threw, found among the causes Axon wraps it in; Axon's own "no such
 * aggregate" as the service's NOT_FOUND; Axon's "an aggregate with this id exists" for a command that creates one
 * as the service's ALREADY_EXISTS; an append race still lost after its retries ({@link ConflictRetries}) as
 * UNAVAILABLE, to be sent again; anything else logged, and INTERNAL. A refusal is an answer, not a failure: it is
 * logged as one line without a stack trace (Axon's own warning about it is dropped: {@code ExpectedRefusals}).
 */
public final class CommandFailures {

    private static final Logger log = LoggerFactory.getLogger(CommandFailures.class);

    private CommandFailures() {
    }

    /** A failure that names no aggregate: the refusal among its causes, else INTERNAL. */
    public static GatewayException explain(Throwable failure) {
        return explain(failure, null, null);
    }

    /**
     * @param notFound      the refusal for a command whose aggregate does not exist
     * @param alreadyExists the refusal for a creating command whose aggregate id is taken; null for a command that
     *                      creates nothing
     */
    public static GatewayException explain(Throwable failure, Supplier<? extends GatewayException> notFound,
                                    Supplier<? extends GatewayException> alreadyExists) {
        Optional<GatewayException> refusal = GatewayException.findIn(failure);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        if (notFound != null && ExceptionUtils.findException(failure, AggregateNotFoundException.class).isPresent()) {
            return refused(notFound.get());
        }
        if (alreadyExists != null && (failure instanceof ConcurrencyException
                || ExceptionUtils.findException(failure, AggregateStreamCreationException.class).isPresent())) {
            return refused(alreadyExists.get());
        }
        if (ConflictRetries.isRace(failure)) {
            log.warn("Command lost its append race on every retry: {}", failure.getMessage());
            return new ConcurrentChangeException();
        }
        log.error("Command failed unexpectedly", failure);
        return new UnexpectedFailureException();
    }

    private static GatewayException refused(GatewayException refusal) {
        log.info("Command refused, {}: {}", refusal.code(), refusal.getMessage());
        return refusal;
    }
}
