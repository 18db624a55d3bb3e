package io.theriseunion.imagegateway.app.registrysource;

import io.theriseunion.imagegateway.domain.api.RecordRegistryHealthCommand;
import io.theriseunion.imagegateway.domain.api.RegistryHealth;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;
import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import io.theriseunion.imagegateway.projections.NameCursor;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import io.theriseunion.imagegateway.projections.registry.RegistryFilter;
import io.theriseunion.imagegateway.projections.registry.RegistryPage;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import io.theriseunion.imagegateway.registry.RegistryClient;
import io.theriseunion.imagegateway.registry.RegistryNetworkPolicy;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Checks every registry source with {@code GET /v2/}: periodically, once per interval across all nodes (a
 * db-scheduler recurring task, {@link RegistryHealthSchedule}, which one node at a time runs), and as soon as a
 * source is added or its URL or credentials change (on the node that changed it). Only a change of health becomes an event; the time of the last check is kept
 * beside the read model. Checks run on their own small pool, never on a request's or processor's thread; a
 * source whose check is still queued or running (an unreachable one takes up to its timeouts) is not queued
 * again, and the queue is bounded.
 */
@Component
public class RegistryHealthMonitor implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RegistryHealthMonitor.class);
    /** Checks waiting for a thread at most; past it a round skips sources until the queue drains. */
    static final int MAX_QUEUED = 10_000;

    private final RegistryClient client;
    private final RegistryEndpoints endpoints;
    private final RegistryCatalogueQueries registries;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final RegistryRequests requests;
    private final RegistryCircuits circuits;
    private final RegistryOutageRecovery recovery;
    private final RegistryNetworkPolicy policy;
    /** Sources whose check is queued or running: a source is never queued twice, however slow its check. */
    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor checks = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
                                                                     new LinkedBlockingQueue<>(MAX_QUEUED), r -> {
        Thread t = new Thread(r, "registry-health");
        t.setDaemon(true);
        return t;
    });

    public RegistryHealthMonitor(RegistryClient client, RegistryEndpoints endpoints, RegistryCatalogueQueries registries,
                                 CommandGateway commands, JdbcTemplate jdbc, RegistryRequests requests,
                                 RegistryCircuits circuits, RegistryOutageRecovery recovery,
                                 RegistryNetworkPolicy policy) {
        this.policy = policy;
        this.requests = requests;
        this.circuits = circuits;
        this.recovery = recovery;
        this.client = client;
        this.endpoints = endpoints;
        this.registries = registries;
        this.commands = commands;
        this.jdbc = jdbc;
    }

    /** Queues a check of every source (this node's checkers run them); called once per interval in the cluster. */
    public void checkAll() {
        NameCursor after = null;
        RegistryPage page;
        do {
            page = registries.list(RegistryFilter.all(), 200, after);
            for (RegistryView source : page.items()) {
                checkSoon(source.namespace(), source.name());
                after = new NameCursor(source.namespace(), source.name());
            }
        } while (page.hasNextPage());
    }

    /**
     * Probes the sources whose syncs are held because they are unavailable, more often than the others: the
     * first probe that finds one answering lets its syncs through again. Breakers are per node, so each node probes
     * the sources its own breaker holds (none while every source answers).
     */
    @Scheduled(fixedDelayString = "${gateway.sync.circuit.probe-interval:10s}",
               initialDelayString = "${gateway.sync.circuit.probe-interval:10s}")
    public void probeUnavailable() {
        for (RegistryRef source : circuits.unavailable()) {
            checkSoon(source.namespace(), source.name());
        }
    }

    /** Checks a source soon, in the background: after it was added or changed. */
    public void checkSoon(String namespace, String name) {
        String key = namespace + "/" + name;
        // a check already queued reads the source when it starts; one already running may have read old settings
        if (pending.putIfAbsent(key, Boolean.FALSE) != null) {
            pending.computeIfPresent(key, (k, again) -> Boolean.TRUE);
            return;
        }
        try {
            checks.execute(() -> run(namespace, name, key));
        } catch (RejectedExecutionException full) {
            pending.remove(key);
            log.debug("Health check of {} skipped this round: {} checks are waiting", key, MAX_QUEUED);
        }
    }

    private void run(String namespace, String name, String key) {
        while (true) {
            try {
                check(namespace, name);
            } catch (RuntimeException e) {
                log.warn("Health check of registry source {} failed: {}", key, e.getMessage());
            }
            if (pending.remove(key, Boolean.FALSE)) {
                return;
            }
            // asked for again while it ran (its settings changed): once more, with what is stored now
            pending.put(key, Boolean.FALSE);
        }
    }

    /** Sources whose check is queued or running. */
    int pendingChecks() {
        return pending.size();
    }

    /** Checks one source now and records a change of its health. */
    public RegistryHealth check(String namespace, String name) {
        RegistryView source = registries.find(namespace, name).orElse(null);
        if (source == null) {
            circuits.forget(new RegistryRef(namespace, name));
            return RegistryHealth.UNKNOWN;
        }
        RegistryHealth health;
        boolean down;
        try {
            RegistryRequests.Answered<io.theriseunion.imagegateway.registry.RegistryHealth> ping =
                    requests.answering(() -> client.ping(endpoints.of(source)));
            health = RegistryHealth.valueOf(ping.value().name());
            down = health == RegistryHealth.UNREACHABLE && ping.down() && reachableByPolicy(source);
        } catch (RuntimeException e) {
            log.warn("Health check of registry source {}/{} failed: {}", namespace, name, e.getMessage());
            health = RegistryHealth.UNREACHABLE;
            down = false;
        }
        RegistryRef ref = new RegistryRef(namespace, name);
        boolean back = circuit(ref, health, down);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (jdbc.update("update registry_health_check set last_checked_at = ? where namespace = ? and name = ?",
                        now, namespace, name) == 0) {
            try {
                jdbc.update("insert into registry_health_check (namespace, name, last_checked_at) values (?, ?, ?)",
                            namespace, name, now);
            } catch (DuplicateKeyException checkedMeanwhile) {
                // another check of the same source recorded its time first
            }
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordRegistryHealthCommand(RegistrySourceId.of(namespace, name), health,
                                                                 detail(health, source)))
                    .andMetaData(RequestOrigin.system(RequestOrigin.HEALTH_CHECK, null).asMetaData()));
        } catch (RuntimeException e) {
            log.debug("Health of {}/{} not recorded: {}", namespace, name, e.getMessage());
        }
        if (back) {
            resume(ref);
        }
        return health;
    }

    /**
     * No answer at all (no connection, a timeout, a server error) opens the source's breaker; any answer of the
     * registry itself (also 401 or 403) closes it. A 429 or an address the network policy refuses leaves it as
     * it is: the syncs report those themselves. True when it closed now.
     */
    private boolean circuit(RegistryRef source, RegistryHealth health, boolean down) {
        if (down) {
            circuits.markUnreachable(source);
            return false;
        }
        return (health == RegistryHealth.HEALTHY || health == RegistryHealth.UNAUTHORIZED)
                && circuits.markReachable(source);
    }

    /** The source answers again: the repositories its outage held sync again (in the background). */
    private void resume(RegistryRef source) {
        recovery.resumeSoon(source);
    }

    /**
     * Whether the network policy lets the gateway reach the source's host: a refused address also reads as no
     * answer, but its syncs must say FORBIDDEN_HOST, not that the source is down.
     */
    private boolean reachableByPolicy(RegistryView source) {
        String host = URI.create(source.url()).getHost();
        host = host == null ? null : host.replaceAll("^\\[|\\]$", "");
        if (host == null || !policy.allows(host)) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!policy.allows(host, address)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return true; // no such name: down as far as the gateway can tell
        }
    }

    private static String detail(RegistryHealth health, RegistryView source) {
        return switch (health) {
            case HEALTHY -> "GET " + source.url() + "/v2/ answered";
            case UNAUTHORIZED -> "the registry refused the configured credentials";
            case UNREACHABLE -> "no answer from " + source.domain() + ", or a server error";
            case UNKNOWN -> null;
        };
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
