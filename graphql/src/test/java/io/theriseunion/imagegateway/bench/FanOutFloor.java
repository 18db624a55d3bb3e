package io.theriseunion.imagegateway.bench;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of the fan-out benchmark, as its own process: the same embedded Tomcat and WebSocket implementation the
 * gateway runs on, without Spring, GraphQL or events. It speaks just enough graphql-transport-ws for the benchmark's
 * clients (acknowledges, takes the namespace from the subscribe's variables) and, once told {@code broadcast <rate>}
 * on stdin, sends {@code rate} messages a second, each to the subscribers of one namespace in turn (every namespace
 * when there is one): the bytes the gateway sends for a status change, with the send time as {@code at}. Sends are
 * blocking, from as many threads as cores, each subscriber always on the same thread (so in order).
 */
public final class FanOutFloor {

    private static final Map<String, List<Session>> BY_NAMESPACE = new ConcurrentHashMap<>();
    private static final AtomicLong SUBSCRIBED = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("floor").toString());
        tomcat.setPort(Integer.parseInt(a.get("port")));
        tomcat.getConnector().setProperty("maxConnections", "20000");
        Context context = tomcat.addContext("", null);
        // Tomcat answers 404 before any filter runs when no servlet maps the path, and the WebSocket upgrade is
        // Tomcat's WsFilter: a servlet on "/" lets the request reach it (the floor measured nothing without one)
        Tomcat.addServlet(context, "nothing", new NotFound());
        context.addServletMappingDecoded("/", "nothing");
        context.addServletContainerInitializer(new WsSci(), null);
        context.addApplicationListener(Registration.class.getName());
        tomcat.start();
        System.out.println("READY");
        System.out.flush();

        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        String line;
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        int cores = Runtime.getRuntime().availableProcessors();
        List<ExecutorService> senders = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            senders.add(Executors.newSingleThreadExecutor());
        }
        while ((line = commands.readLine()) != null) {
            if (line.equals("subscribed")) {
                System.out.println("SUBSCRIBED " + SUBSCRIBED.get());
                System.out.flush();
            } else if (line.startsWith("broadcast ")) {
                // "broadcast <rate>": one message every 1/rate s; "broadcast <rate> <ms>": the same rate in bursts,
                // rate * ms / 1000 messages at once every ms (as a gateway starts the checks due at each look)
                String[] f = line.substring(10).trim().split(" ");
                int rate = Integer.parseInt(f[0]);
                long every = f.length > 1 ? Long.parseLong(f[1]) * 1000 : 1_000_000L / rate;
                long perTick = f.length > 1 ? Math.max(1, rate * Long.parseLong(f[1]) / 1000) : 1;
                List<String> namespaces = new ArrayList<>(BY_NAMESPACE.keySet());
                namespaces.sort(null);
                AtomicLong n = new AtomicLong();
                clock.scheduleAtFixedRate(() -> {
                    for (long t = 0; t < perTick; t++) {
                        send(n.getAndIncrement(), namespaces, senders);
                    }
                }, 0, every, TimeUnit.MICROSECONDS);
            } else if (line.equals("stop")) {
                break;
            }
        }
        System.exit(0);
    }

    /** Message i to the subscribers of its namespace (the namespaces in turn), split over the sender threads. */
    private static void send(long i, List<String> namespaces, List<ExecutorService> senders) {
        String ns = namespaces.get((int) (i % namespaces.size()));
        String message = "{\"id\":\"1\",\"type\":\"next\",\"payload\":{\"data\":{\"syncStatusChanged\":{"
                + "\"namespace\":\"" + ns + "\",\"name\":\"app-" + String.format("%03d", i % 200)
                + "\",\"syncStatus\":\"" + (i % 2 == 0 ? "SYNCING" : "FAILED") + "\",\"at\":\""
                + Instant.now() + "\"}}}}";
        List<Session> sessions = BY_NAMESPACE.get(ns);
        for (int s = 0; s < senders.size(); s++) {
            int part = s;
            senders.get(s).execute(() -> {
                for (int k = part; k < sessions.size(); k += senders.size()) {
                    try {
                        sessions.get(k).getBasicRemote().sendText(message);
                    } catch (Exception gone) {
                        // a client that left
                    }
                }
            });
        }
    }

    /** What a request that is no WebSocket handshake gets. */
    public static final class NotFound extends jakarta.servlet.http.HttpServlet {
        @Override
        protected void service(jakarta.servlet.http.HttpServletRequest request,
                               jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
            response.sendError(404);
        }
    }

    /** Registers the endpoint at /graphql once the WebSocket container is there. */
    public static final class Registration implements jakarta.servlet.ServletContextListener {
        @Override
        public void contextInitialized(jakarta.servlet.ServletContextEvent event) {
            ServerContainer container = (ServerContainer) event.getServletContext()
                                                               .getAttribute(ServerContainer.class.getName());
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(Subscriptions.class, "/graphql")
                                                                  .subprotocols(List.of("graphql-transport-ws")).build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Just enough graphql-transport-ws: ack the init, file the subscriber under its namespace. */
    public static final class Subscriptions extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                try {
                    if (text.contains("\"connection_init\"")) {
                        session.getBasicRemote().sendText("{\"type\":\"connection_ack\"}");
                    } else if (text.contains("\"subscribe\"")) {
                        int at = text.indexOf("\"ns\":\"");
                        String ns = text.substring(at + 6, text.indexOf('"', at + 6));
                        BY_NAMESPACE.computeIfAbsent(ns, k -> new CopyOnWriteArrayList<>()).add(session);
                        SUBSCRIBED.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
