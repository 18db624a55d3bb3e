package io.theriseunion.imagegateway.graphql.live;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioEndpoint;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Tomcat's HTTP/1.1 NIO connector, with one difference: what Tomcat hands its worker pool while a thread is in an
 * {@link Outbox}'s send ({@link SendingThread}) runs on that thread. That is the send's completion when the socket
 * took the whole message at once, or the close after a failed write; Tomcat itself runs the completion on the
 * sending thread when its pool refuses it. Everything else (requests, socket events, a slow socket's later
 * completion) goes to the pool as before, and the pool's settings and life are Tomcat's.
 */
public class LiveConnectorProtocol extends Http11NioProtocol {

    public LiveConnectorProtocol() {
        super(new Endpoint());
    }

    private static final class Endpoint extends NioEndpoint {

        private final Executor inlineWhileSending = task -> {
            if (SendingThread.isSending()) {
                task.run();
            } else {
                Executor pool = Endpoint.super.getExecutor();
                if (pool == null) {
                    throw new RejectedExecutionException("the connector is stopped");
                }
                pool.execute(task);
            }
        };

        /** The pool as Tomcat made it, seen through the mark; none while it has none (stopped). */
        @Override
        public Executor getExecutor() {
            return super.getExecutor() == null ? null : inlineWhileSending;
        }
    }
}
