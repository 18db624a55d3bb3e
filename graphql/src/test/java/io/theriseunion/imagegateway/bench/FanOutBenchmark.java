package io.theriseunion.imagegateway.bench;

import io.theriseunion.imagegateway.registry.testing.LocalRegistry;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live fan-out at scale (issue 17): {@code syncStatusChanged} subscribers on one gateway, (A) 10,000 spread over 100
 * namespaces and (B) 1,000 on one namespace, while sync results make about {@code --rate} status events a second —
 * event-to-client latency (receive time minus the event's {@code at}), heap per idle subscriber, gateway CPU — and
 * the same clients against {@link FanOutFloor}, a bare WebSocket broadcast of the same bytes at the same rate (the
 * floor). The clients run as {@link FanOutClients} processes on this machine: {@code --spread-processes} (4) for A,
 * {@code --crowd-processes} (2) for B. Run it with {@code bash scripts/benchmark.sh fanout}.
 * <p>
 * The events come from {@code --events=triggers} (the default: {@code rate / 3} manual syncs a second against a
 * stand-in registry, each a whole stored run of three status events) or {@code --events=checks}: the scheduled checks
 * of {@code --checks} (3,600) repositories over the 100 team namespaces on Debian's docker-registry, every minute, each
 * finding its digest unchanged (SYNCING, then SUCCESS, live only: no stored event), about {@code checks / 30} status
 * events a second (a sixtieth added each second for a minute: the checks come evenly); A ({@code --crowd=0}) or B
 * ({@code --spread=0}: the repositories all in namespace crowd), not both. The floor sends as many messages a second as
 * the gateway's status events reached in the same run (A's for A, B's for B), {@code --rate} when only the floor runs.
 * The SYNCING events' latency is printed apart: a check tells it at its {@code at}, while its SUCCESS is told once it
 * is recorded (with the checks that end within {@code gateway.sync.check-record-within} of it; before session 32, with
 * its whole batch). {@code --check-poll} (the gateway's default, 100ms) is how often the gateway looks for due checks;
 * since session 45 it claims them ahead and starts each when it is due, so the checks' events come evenly, and the
 * floor sends evenly; {@code --floor-bursts} makes the floor send a look's messages at once every {@code --check-poll},
 * as the gateway started its checks before. {@code --slow=MS} makes each client process print, per second of the
 * window, its deliveries slower than MS (to line the tail up with the collector's log).
 */
public final class FanOutBenchmark {

    private static final int TEAM_REPOSITORIES = 200;
    private static final int CROWD_REPOSITORIES = 50;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path jar;
    private final int spread;
    private final int crowd;
    private final int spreadProcesses;
    private final int crowdProcesses;
    private final int rate;
    private final int seconds;
    /** Seconds of triggers, nobody subscribed, before anything is measured: a just-started JVM compiles meanwhile. */
    private final int warmup;
    /** Where the status events come from: "triggers" (manual syncs) or "checks" (scheduled checks, unchanged). */
    private final String events;
    private final int checks;
    /** How often the gateway looks for due checks (gateway.sync.check-poll); each check starts when it is due. */
    private final String checkPoll;
    /** The floor sends a look's messages at once every checkPoll (--floor-bursts), as the checks started before. */
    private final boolean floorBursts;
    /** Where the client processes run their sockets' callbacks (FanOutClients): "selector" or "pool". */
    private final String clientCallbacks;
    /** --slow=MS: each client process prints, per second of the window, its deliveries slower than MS (a diagnosis). */
    private final long slow;
    private final int cores = Runtime.getRuntime().availableProcessors();
    /**
     * The status events a second the gateway reached in this run, A's and B's: the floor sends as many (the checks
     * make about checks / 30, not --rate), so that both carry the same load; without a gateway run, --rate.
     */
    private double gatewayRateA;
    private double gatewayRateB;

    private FanOutBenchmark(Map<String, String> a) {
        jar = Path.of(a.getOrDefault("jar", "graphql/target/image-gateway.jar"));
        spread = Integer.parseInt(a.getOrDefault("spread", "10000"));
        crowd = Integer.parseInt(a.getOrDefault("crowd", "1000"));
        spreadProcesses = Integer.parseInt(a.getOrDefault("spread-processes", "4"));
        crowdProcesses = Integer.parseInt(a.getOrDefault("crowd-processes", "2"));
        rate = Integer.parseInt(a.getOrDefault("rate", "100"));
        seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
        warmup = Integer.parseInt(a.getOrDefault("warmup", "60"));
        events = a.getOrDefault("events", "triggers");
        checks = Integer.parseInt(a.getOrDefault("checks", "3600"));
        checkPoll = a.getOrDefault("check-poll", "100ms");
        floorBursts = events.equals("checks") && a.containsKey("floor-bursts");
        clientCallbacks = a.getOrDefault("client-callbacks", "selector");
        if (!clientCallbacks.equals("selector") && !clientCallbacks.equals("pool")) {
            throw new IllegalArgumentException("--client-callbacks: selector or pool, not " + clientCallbacks);
        }
        slow = Long.parseLong(a.getOrDefault("slow", String.valueOf(Long.MAX_VALUE)));
        if (!events.equals("triggers") && !events.equals("checks")) {
            throw new IllegalArgumentException("--events: triggers or checks, not " + events);
        }
        if (events.equals("checks") && crowd > 0 && spread > 0) {
            throw new IllegalArgumentException("--events=checks measures A or B, not both: add --crowd=0 (A, the"
                                                       + " checks over the team namespaces) or --spread=0 (B, all of"
                                                       + " them in namespace crowd)");
        }
        if (spread <= 0 && crowd <= 0) {
            throw new IllegalArgumentException("--spread and --crowd are both 0: nothing to measure");
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Gateway.options(args);
        Gateway.jvmOptions = a.getOrDefault("jvm-opts", "");
        new FanOutBenchmark(a).run(a.getOrDefault("only", "all"));
        System.exit(0); // the HTTP client's and the schedulers' threads would keep the JVM (and the machine's lock)
    }

    private void run(String only) throws Exception {
        if (!only.equals("floor")) {
            gateway();
        }
        if (!only.equals("gateway")) {
            floor();
        }
        System.out.println();
        System.out.println("Fan-out benchmark, " + LocalDate.now() + ", " + cores + " cores; clients and server share them");
    }

    private void gateway() throws Exception {
        Path data = Files.createTempDirectory("fanout-bench");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        int most = Math.max(spread, crowd) + 100;
        Gateway gateway = Gateway.start(jar, data, port, "--gateway.sync.concurrency=16",
                                        "--gateway.sync.check-poll=" + checkPoll,
                                        "--gateway.live.max-connections-per-caller=" + most,
                                        "--gateway.live.max-connections=" + most,
                                        "--server.tomcat.max-connections=" + (most + 100));
        LocalRegistry checkedRegistry = null;
        try {
            gateway.awaitReady(http, base);
            if (events.equals("checks")) {
                checkedRegistry = LocalRegistry.anonymous(); // a process of its own: closed below, whatever happens
                loadChecks(base, checkedRegistry);
                Thread.sleep(warmup * 1000L); // the checks run meanwhile: what a running gateway has compiled
            } else {
                load(base);
                Thread.sleep(3000);
                warmUp(base);
            }
            long heapBefore = gateway.heapAfterGc(http, base);
            double idle = cpuWhileTriggering(gateway, base, spread > 0 ? "team" : "crowd");
            System.out.printf(Locale.ROOT, "- gateway, no subscribers, the same events (status events and their"
                    + " write path only): CPU %.1f%% of the machine (%.0f ms of CPU a second)%n", idle, idle * cores * 10);

            if (spread > 0) {
                Result a = measureGateway(gateway, base, port, spread, spreadProcesses, null, "team", heapBefore);
                print("A gateway", spread, "100 namespaces", spreadProcesses, a);
                gatewayRateA = a.eventsPerSecond();
            }
            if (crowd > 0) {
                Result b = measureGateway(gateway, base, port, crowd, crowdProcesses, "crowd", "crowd", heapBefore);
                print("B gateway", crowd, "one namespace", crowdProcesses, b);
                gatewayRateB = b.eventsPerSecond();
            }
        } finally {
            gateway.stop();
            if (checkedRegistry != null) {
                checkedRegistry.close(); // it would outlive this JVM
            }
        }
    }

    private void floor() throws Exception {
        List<Boolean> cases = new ArrayList<>();
        if (spread > 0) {
            cases.add(true);
        }
        if (crowd > 0) {
            cases.add(false);
        }
        for (boolean spreadOut : cases) {
            int port = freePort();
            Process floor = new ProcessBuilder("java", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                                               FanOutFloor.class.getName(), "--port=" + port)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(floor.getInputStream()));
            PrintWriter in = new PrintWriter(floor.getOutputStream(), true);
            if (!"READY".equals(out.readLine())) {
                throw new IllegalStateException("the floor did not start");
            }
            int subscribers = spreadOut ? spread : crowd;
            List<Process> clients = clients(port, subscribers, spreadOut ? spreadProcesses : crowdProcesses,
                                            spreadOut ? null : "crowd");
            long waiting = System.nanoTime();
            while (true) {
                in.println("subscribed");
                long n = Long.parseLong(out.readLine().split(" ")[1]);
                if (n >= subscribers || System.nanoTime() - waiting > TimeUnit.MINUTES.toNanos(5)) {
                    break;
                }
                Thread.sleep(500);
            }
            // --floor-bursts: the floor sends as the gateway started its checks before session 45, a look's at once
            double reached = spreadOut ? gatewayRateA : gatewayRateB;
            int floorRate = reached > 0 ? (int) Math.max(1, Math.round(reached)) : rate;
            in.println("broadcast " + floorRate + (floorBursts ? " " + millis(checkPoll) : ""));
            Thread.sleep(5000);
            long from = System.currentTimeMillis();
            clients.forEach(c -> command(c, "measure " + from));
            double cpu0 = cpuSeconds(floor.pid());
            double clients0 = clientCpuSeconds(clients);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long to = from + (System.nanoTime() - t0) / 1_000_000;
            clients.forEach(c -> command(c, "until " + to));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double cpu = 100 * (cpuSeconds(floor.pid()) - cpu0) / elapsed / cores;
            double clientCpu = 100 * (clientCpuSeconds(clients) - clients0) / elapsed / cores;
            Thread.sleep(2000); // what is in flight arrives
            Result r = report(clients, elapsed, cpu, clientCpu, floorRate, 0, 0);
            print((spreadOut ? "A" : "B") + " floor (bare broadcast" + (floorBursts
                    ? ", in bursts every " + checkPoll : ", evenly") + ")", subscribers,
                  spreadOut ? "100 namespaces" : "one namespace", spreadOut ? spreadProcesses : crowdProcesses, r);
            in.println("stop");
            floor.waitFor(30, TimeUnit.SECONDS);
            floor.destroyForcibly();
        }
    }

    private record Result(long acknowledged, long deliveries, long errors, Histogram latency, Histogram syncing,
                          double elapsed,
                          double cpu, double clientCpu, double eventsPerSecond, double heapPerSubscriberKb,
                          double executions) {
    }

    private Result measureGateway(Gateway gateway, String base, int port, int subscribers, int processes,
                                  String namespace, String repositories, long heapBefore) throws Exception {
        double open = metric(base, "gateway.live.subscribers");
        ClassHistogram classesBefore = ClassHistogram.of(gateway.pid());
        List<Process> clients = clients(port, subscribers, processes, namespace);
        long waiting = System.nanoTime();
        while (metric(base, "gateway.live.subscribers") < open + subscribers
                && System.nanoTime() - waiting < TimeUnit.MINUTES.toNanos(5)) {
            Thread.sleep(500);
        }
        double executions = metric(base, "gateway.live.executions");
        long heap = gateway.heapAfterGc(http, base);
        double perSubscriber = (heap - heapBefore) / 1024.0 / subscribers;
        ClassHistogram.of(gateway.pid()).grownSince(classesBefore, subscribers, 25).forEach(System.out::println);

        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        if (events.equals("triggers")) {
            startTriggers(clock, callers, base, repositories);
        }
        Thread.sleep(5000); // warm-up, not recorded
        long from = System.currentTimeMillis();
        clients.forEach(c -> command(c, "measure " + from));
        double payloads0 = metric(base, "gateway.live.payloads");
        double cpu0 = gateway.cpuSeconds();
        double clients0 = clientCpuSeconds(clients);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long to = from + (System.nanoTime() - t0) / 1_000_000;
        clients.forEach(c -> command(c, "until " + to));
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpu = 100 * (gateway.cpuSeconds() - cpu0) / elapsed / cores;
        double clientCpu = 100 * (clientCpuSeconds(clients) - clients0) / elapsed / cores;
        double events = (metric(base, "gateway.live.payloads") - payloads0) / elapsed;
        clock.shutdownNow();
        callers.shutdownNow();
        Thread.sleep(2000); // what is in flight arrives
        Result r = report(clients, elapsed, cpu, clientCpu, events, perSubscriber, executions);
        long closing = System.nanoTime();
        while (metric(base, "gateway.live.subscribers") > open && System.nanoTime() - closing < TimeUnit.MINUTES.toNanos(2)) {
            Thread.sleep(500);
        }
        return r;
    }

    /** The triggers of A and B for {@code warmup} seconds, nobody subscribed: what a running gateway has compiled. */
    private void warmUp(String base) throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        startTriggers(clock, callers, base, "team");
        Thread.sleep(warmup * 500L);
        clock.shutdownNow();
        clock = Executors.newSingleThreadScheduledExecutor();
        startTriggers(clock, callers, base, "crowd");
        Thread.sleep(warmup * 500L);
        clock.shutdownNow();
        callers.shutdownNow();
        Thread.sleep(2000);
    }

    /** Gateway CPU while the triggers run with nobody subscribed: what the events cost before any fan-out. */
    private double cpuWhileTriggering(Gateway gateway, String base, String repositories) throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        if (events.equals("triggers")) {
            startTriggers(clock, callers, base, repositories);
        }
        Thread.sleep(5000);
        double cpu0 = gateway.cpuSeconds();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double cpu = 100 * (gateway.cpuSeconds() - cpu0) / ((System.nanoTime() - t0) / 1e9) / cores;
        clock.shutdownNow();
        callers.shutdownNow();
        Thread.sleep(2000);
        return cpu;
    }

    /**
     * rate / 3 triggered syncs a second: each makes three status events (PENDING, SYNCING, FAILED: the stand-in
     * registry knows no manifest); the events actually seen are counted by gateway.live.payloads.
     */
    private void startTriggers(ScheduledExecutorService clock, ExecutorService callers, String base, String repositories) {
        AtomicInteger next = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> callers.submit(() -> {
            int i = next.getAndIncrement();
            String ns = repositories.equals("crowd") ? "crowd" : team(i % TEAM_REPOSITORIES);
            String name = repositories.equals("crowd") ? String.format("crowd-%02d", i % CROWD_REPOSITORIES)
                    : String.format("app-%03d", i % TEAM_REPOSITORIES);
            try {
                Gateway.graphQl(http, base, "mutation($ns: String!, $n: String!) { triggerSync(namespace: $ns, name: $n) { id } }",
                                Map.of("ns", ns, "n", name));
            } catch (Exception e) {
                System.err.println("trigger failed: " + e.getMessage());
            }
        }), 0, 3_000_000L / rate, TimeUnit.MICROSECONDS);
    }

    private List<Process> clients(int port, int subscribers, int processes, String namespace) throws Exception {
        List<Process> clients = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            int share = subscribers / processes + (p < subscribers % processes ? 1 : 0);
            List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                                                           System.getProperty("java.class.path"),
                                                           FanOutClients.class.getName(),
                                                           "--url=ws://127.0.0.1:" + port + "/graphql",
                                                           "--subscribers=" + share, "--offset=" + p * share,
                                                           "--callbacks=" + clientCallbacks, "--slow=" + slow));
            if (namespace != null) {
                command.add("--namespace=" + namespace);
            }
            clients.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        return clients;
    }

    private static void command(Process client, String line) {
        PrintWriter in = new PrintWriter(client.getOutputStream(), true);
        in.println(line);
    }

    /** CPU seconds the client processes have used so far. */
    private static double clientCpuSeconds(List<Process> clients) throws Exception {
        double total = 0;
        for (Process c : clients) {
            total += cpuSeconds(c.pid());
        }
        return total;
    }

    private Result report(List<Process> clients, double elapsed, double cpu, double clientCpuSoFar, double events,
                          double heapPerSubscriber, double executions) throws Exception {
        Histogram latency = new Histogram(60_000_000L, 3);
        Histogram syncing = new Histogram(60_000_000L, 3);
        long acknowledged = 0;
        long deliveries = 0;
        long errors = 0;
        for (Process c : clients) {
            command(c, "report");
            BufferedReader out = new BufferedReader(new InputStreamReader(c.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("REPORT ")) {
                // ACK lines and the like
            }
            if (line == null) {
                throw new IllegalStateException("a client process ended without its report");
            }
            String[] f = line.split(" ");
            acknowledged += Long.parseLong(f[1]);
            deliveries += Long.parseLong(f[2]);
            errors += Long.parseLong(f[3]);
            latency.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(f[4])), 0));
            syncing.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(f[5])), 0));
            c.waitFor(30, TimeUnit.SECONDS);
        }
        return new Result(acknowledged, deliveries, errors, latency, syncing, elapsed, cpu, clientCpuSoFar, events,
                          heapPerSubscriber, executions);
    }

    private void print(String what, int subscribers, String where, int processes, Result r) {
        System.out.printf(Locale.ROOT, "- %s: %,d subscribers (%s), %d client processes on this machine; %,d subscribed;"
                                  + " %.0f events/s; %,d deliveries in %.0f s = %,.0f/s; event-to-client p50 %.1f ms,"
                                  + " p99 %.1f ms, max %.1f ms (SYNCING events alone: %,d, p50 %.1f ms, p99 %.1f ms);"
                                  + " server CPU %.0f%% of the machine (clients %.0f%%); %d subscriptions ended or closed%s%n",
                          what, subscribers, where, processes, r.acknowledged(), r.eventsPerSecond(), r.deliveries(),
                          r.elapsed(), r.deliveries() / r.elapsed(), r.latency().getValueAtPercentile(50) / 1000.0,
                          r.latency().getValueAtPercentile(99) / 1000.0, r.latency().getMaxValue() / 1000.0,
                          r.syncing().getTotalCount(), r.syncing().getValueAtPercentile(50) / 1000.0,
                          r.syncing().getValueAtPercentile(99) / 1000.0, r.cpu(),
                          r.clientCpu(), r.errors(), r.heapPerSubscriberKb() > 0
                                  ? String.format(Locale.ROOT, "; heap per idle subscriber %.1f KB; %.0f shared executions",
                                                  r.heapPerSubscriberKb(), r.executions()) : "");
    }

    private void load(String base) throws Exception {
        StandInRegistry registry = StandInRegistry.start(); // ends with the benchmark's JVM
        Gateway.graphQl(http, base, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                        Map.of("in", Map.of("namespace", "bench", "name", "gone", "url", registry.url(),
                                            "insecure", true, "concurrencyLimit", 16)));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < TEAM_REPOSITORIES; i++) {
            items.add(repository(team(i), String.format("app-%03d", i)));
        }
        for (int i = 0; i < CROWD_REPOSITORIES; i++) {
            items.add(repository("crowd", String.format("crowd-%02d", i)));
        }
        Gateway.graphQl(http, base, "mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { failed } }",
                        Map.of("in", items));
    }

    /**
     * --events=checks: one image on Debian's docker-registry, {@code checks} repositories of it over the team
     * namespaces (in namespace crowd for B alone, {@code --spread=0}) at a one-minute interval, added in 60 batches a
     * second apart; returns once all first syncs succeeded, after which each is checked every minute (unchanged).
     */
    private void loadChecks(String base, LocalRegistry registry) throws Exception {
        registry.images().pushDockerImage("bench/app", "v1");
        Gateway.graphQl(http, base, "mutation($in: AddRegistryInput!) { addRegistry(input: $in) { name } }",
                        Map.of("in", Map.of("namespace", "bench", "name", "local", "url", registry.url().toString(),
                                            "insecure", true, "concurrencyLimit", 16)));
        long t0 = System.nanoTime();
        // one batch a second for a minute, so that the checks (each a minute after the last, plus its repository's
        // jitter of up to 3 s) come evenly: batches of 500 every 7.5 s made bursts of 2-5 times the average rate
        int batch = (checks + 59) / 60;
        for (int from = 0, second = 0; from < checks; from += batch, second++) {
            long wait = t0 + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = from; i < Math.min(checks, from + batch); i++) {
                items.add(Map.of("namespace", spread > 0 ? team(i) : "crowd", "name", String.format("app-%04d", i),
                                 "registry", Map.of("namespace", "bench", "name", "local"), "repository", "bench/app",
                                 "tag", "v1", "syncInterval", "1m", "retryCount", 0));
            }
            Gateway.graphQl(http, base, "mutation($in: [AddRepositoryInput!]!) { addRepositories(input: $in) { failed } }",
                            Map.of("in", items));
        }
        long succeeded = 0;
        while (succeeded < checks && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(10)) {
            Thread.sleep(1000);
            succeeded = Gateway.graphQl(http, base, "{ repositories(first: 0) { statusCounts { success } } }", Map.of())
                               .at("/data/repositories/statusCounts/success").asLong();
        }
        System.out.printf(Locale.ROOT, "- %,d repositories on the local docker-registry at a 1m interval, first syncs"
                                  + " over in %.0f s (%,d succeeded)%n", checks, (System.nanoTime() - t0) / 1e9, succeeded);
    }

    private static Map<String, Object> repository(String namespace, String name) {
        return Map.of("namespace", namespace, "name", name, "registry", Map.of("namespace", "bench", "name", "gone"),
                      "repository", "bench/app", "tag", "v1", "syncInterval", "720h", "retryCount", 0);
    }

    private static String team(int i) {
        return String.format("team-%02d", i % 100);
    }

    private double metric(String base, String name) throws Exception {
        return Gateway.metric(http, base, name);
    }

    /** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** "100ms" or "1s" (the forms --check-poll takes here) in milliseconds. */
    private static long millis(String duration) {
        return duration.endsWith("ms") ? Long.parseLong(duration.substring(0, duration.length() - 2))
                : Long.parseLong(duration.substring(0, duration.length() - 1)) * 1000;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
