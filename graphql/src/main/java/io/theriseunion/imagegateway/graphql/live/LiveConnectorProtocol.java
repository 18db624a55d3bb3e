package io.theriseunion.imagegateway.graphql.live;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Tomcat's HTTP/1.1 NIO connector, with one difference: the first task Tomcat hands its worker pool while a thread
 * is in an {@link Outbox}'s send ({@link SendingThread}) runs on that thread. That is the completion of the send's
 * first frame when the socket took it at once (the whole message, unless it is longer than Tomcat's buffer), or the
 * close after a failed write; Tomcat itself runs the completion on the sending thread when its pool refuses it.
 * Everything else (requests, socket events, a slow socket's later completion, a long message's further frames) goes
 * to the pool as before, and the pool's settings and life are Tomcat's.
 */
public class LiveConnectorProtocol extends Http11NioProtocol {

    public LiveConnectorProtocol() {
        super(new Endpoint());
    }

    private static final class Endpoint extends NioEndpoint {

        private static final Logger log = LoggerFactory.getLogger(LiveConnectorProtocol.class);

        private final Executor inlineWhileSending = task -> {
            if (SendingThread.runHere()) {
                runHere(task);
            } else {
                Executor pool = Endpoint.super.getExecutor();
                if (pool == null) {
                    throw new RejectedExecutionException("the connector is stopped");
                }
                pool.execute(task);
            }
        };

        /**
         * Runs a task as the pool would: what it throws stays here (Tomcat runs a task again when the pool refuses
         * it, so a RejectedExecutionException from within the task must not reach Tomcat as the pool's refusal).
         */
        private static void runHere(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("a WebSocket send's completion failed", e);
            }
        }

        /** The pool as Tomcat made it, seen through the mark; none while it has none (stopped). */
        @Override
        public Executor getExecutor() {
            return super.getExecutor() == null ? null : inlineWhileSending;
        }
    }
}
