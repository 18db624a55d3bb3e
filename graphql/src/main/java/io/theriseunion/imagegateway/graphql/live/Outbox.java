package io.theriseunion.imagegateway.graphql.live;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one WebSocket session is sent, in the order it was put in, one message at a time and without a thread of
 * its own: each message is handed to the container's non-blocking send, and the next one goes when the container
 * reports the last one written (on the sending thread when the socket took it at once ({@link SendingThread}),
 * else on the container's). A message's {@code sent} callback runs then, so a
 * subscription asks for its next event only once its last one is on the wire: a slow client holds its events in
 * its subscription's outlet, where SUBSCRIBER_TOO_SLOW cuts it off, not here. What waits here is bounded by one
 * message per subscription plus the connection's own messages (ack, ping, pong).
 */
final class Outbox {

    private record Message(String text, Runnable sent) {
    }

    private final WebSocketSession session;
    private final Session container;
    private final Queue<Message> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile boolean failed;
    /**
     * When a message was last put in ({@link System#nanoTime()}): the keep-alive pings a session only once this is a
     * whole interval ago.
     */
    private volatile long lastPut = System.nanoTime();

    Outbox(WebSocketSession session) {
        this.session = session;
        this.container = session instanceof NativeWebSocketSession n ? n.getNativeSession(Session.class) : null;
    }

    /** Queues a message; {@code sent} runs once it is written (never when the socket failed or closed first). */
    void send(String text, Runnable sent) {
        if (failed) {
            return;
        }
        lastPut = System.nanoTime();
        waiting.add(new Message(text, sent));
        drain();
    }

    /** Nothing being written and nothing waiting. */
    boolean idle() {
        return !sending.get() && waiting.isEmpty();
    }

    /** Idle, and nothing put in for at least {@code nanos} before {@code now} (both as {@link System#nanoTime()}). */
    boolean quietFor(long nanos, long now) {
        return now - lastPut >= nanos && idle();
    }

    void send(String text) {
        send(text, () -> {
        });
    }

    /**
     * Sends what waits, one at a time. When the container completes a send before sendText returns, this loop takes
     * the next one (no recursion); otherwise the container's callback continues it.
     */
    private void drain() {
        while (sending.compareAndSet(false, true)) {
            Message next = waiting.poll();
            if (next == null) {
                sending.set(false);
                if (waiting.isEmpty()) {
                    return;
                }
                continue; // one was added after the poll and before the flag was cleared
            }
            if (container == null) {
                sendBlocking(next);
                continue;
            }
            AtomicInteger phase = new AtomicInteger(); // 1: sendText returned; 2: the container's callback ran
            SendHandler written = result -> {
                boolean ok = result.isOK();
                if (ok) {
                    next.sent().run();
                } else {
                    fail(result.getException());
                }
                if (phase.getAndSet(2) == 1) { // completed later, on the container's thread: go on from here
                    sending.set(false);
                    if (ok) {
                        drain();
                    }
                }
            };
            try {
                SendingThread.send(() -> container.getAsyncRemote().sendText(next.text(), written));
            } catch (RuntimeException e) { // the session closed meanwhile
                fail(e);
                sending.set(false);
                return;
            }
            if (phase.getAndSet(1) != 2) {
                return; // still being written: the callback carries on
            }
            sending.set(false);
            if (failed) {
                return;
            }
        }
    }

    private void sendBlocking(Message message) {
        try {
            session.sendMessage(new TextMessage(message.text()));
            sending.set(false);
            message.sent().run();
        } catch (IOException | RuntimeException e) {
            fail(e);
            sending.set(false);
        }
    }

    private void fail(Throwable error) {
        failed = true;
        waiting.clear();
        if (session.isOpen()) {
            try {
                session.close(CloseStatus.SERVER_ERROR.withReason("sending failed"));
            } catch (IOException ignored) {
                // the socket is gone either way
            }
        }
    }
}
