package io.theriseunion.imagegateway.graphql.live;

/**
 * Marks a thread while it hands a message to Tomcat's non-blocking WebSocket send ({@link Outbox}). Tomcat gives
 * every such send's completion to its worker pool, even one whose bytes all went to the socket at once, so each
 * delivery to each subscriber would wake a worker thread only to say "written". While the mark is on, the
 * connector's pool ({@link LiveConnectorProtocol}) runs the first task it is given on the marked thread instead,
 * so a message written at once completes before its send returns; one that had to wait for the socket (a slow
 * client) completes later on Tomcat's own thread, as before.
 * <p>
 * Only the first: a message longer than Tomcat's WebSocket buffer goes out in several frames, each frame's
 * completion writing the next one. Run here, each would nest in the one before (Tomcat's own reason for the pool,
 * its bug 55715): one stack level per frame. So the first frame completes here and the rest on the pool.
 */
final class SendingThread {

    private static final int NOT_SENDING = 0;
    private static final int SENDING = 1;
    private static final int COMPLETED_HERE = 2;

    private static final ThreadLocal<int[]> STATE = ThreadLocal.withInitial(() -> new int[1]);

    private SendingThread() {
    }

    /** Runs the send with the mark on (inside another send, under that send's mark). */
    static void send(Runnable send) {
        int[] state = STATE.get();
        if (state[0] != NOT_SENDING) {
            send.run();
            return;
        }
        state[0] = SENDING;
        try {
            send.run();
        } finally {
            state[0] = NOT_SENDING;
        }
    }

    /** True at most once per send, inside it: the task the pool is given may run on this thread. */
    static boolean runHere() {
        int[] state = STATE.get();
        if (state[0] != SENDING) {
            return false;
        }
        state[0] = COMPLETED_HERE;
        return true;
    }
}
