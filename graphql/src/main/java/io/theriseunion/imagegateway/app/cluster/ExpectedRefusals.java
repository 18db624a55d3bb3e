package io.theriseunion.imagegateway.app.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps Axon from logging the gateway's refusals as failures: Axon's repository logs every exception thrown while it
 * creates or loads an aggregate as a WARN with its stack trace, also a refusal the aggregate throws on purpose
 * ({@code ALREADY_EXISTS} of a name taken on another node, {@code NOT_FOUND}, {@code CONFLICT}, a validation error).
 * Those are answers, logged as one line by {@code CommandFailures}; this filter drops Axon's message about them when
 * the exception, or one of its causes, is a {@link GatewayException}. Any other exception is logged as before. It also
 * drops the deadline manager's warning that a deadline failed, which names no cause: a lost race is handled again
 * ({@link DeadlineRetries}), and any other failure is logged with its stack trace by db-scheduler.
 */
public final class ExpectedRefusals extends TurboFilter {

    static final String NAME = "gateway-expected-refusals";
    private static final String DEADLINE_MANAGER = "org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager";
    private static final String DEADLINE_FAILED = "An error occurred while triggering deadline";

    ExpectedRefusals() {
        setName(NAME);
    }

    /** Adds the filter to Logback, once per process (several application contexts share one Logback context). */
    static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
            return;
        }
        synchronized (logback) {
            if (logback.getTurboFilterList().stream().noneMatch(f -> NAME.equals(f.getName()))) {
                ExpectedRefusals filter = new ExpectedRefusals();
                filter.setContext(logback);
                filter.start();
                logback.addTurboFilter(filter);
            }
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (logger == null || !logger.getName().startsWith("org.axonframework.")) {
            return FilterReply.NEUTRAL;
        }
        if (DEADLINE_MANAGER.equals(logger.getName()) && format != null && format.startsWith(DEADLINE_FAILED)) {
            return FilterReply.DENY; // a race handled again (DeadlineRetries), or a failure db-scheduler logs whole
        }
        // logger.warn(format, argument, exception) hands the exception over as the last parameter
        Throwable failure = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last
                : null;
        return failure != null && isRefusal(failure) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean isRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GatewayException) {
                return true;
            }
        }
        return false;
    }
}
