package io.theriseunion.imagegateway.graphql.live;

/**
 * Marks a thread while it hands a message to Tomcat's non-blocking WebSocket send ({@link Outbox}). Tomcat gives
 * every such send's completion to its worker pool, even one whose bytes all went to the socket at once, so each
 * delivery to each subscriber would wake a worker thread only to say "written". While the mark is on, the
 * connector's pool ({@link LiveConnectorProtocol}) runs what it is given on the marked thread instead, so a send
 * that was written at once completes before it returns; one that had to wait for the socket (a slow client)
 * completes later on Tomcat's own thread, as before.
 */
final class SendingThread {

    private static final ThreadLocal<Boolean> SENDING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private SendingThread() {
    }

    /** Runs the send with the mark on (the mark of an enclosing send is kept). */
    static void send(Runnable send) {
        if (SENDING.get()) {
            send.run();
            return;
        }
        SENDING.set(Boolean.TRUE);
        try {
            send.run();
        } finally {
            SENDING.set(Boolean.FALSE);
        }
    }

    /** True inside {@link #send}. */
    static boolean isSending() {
        return SENDING.get();
    }
}
