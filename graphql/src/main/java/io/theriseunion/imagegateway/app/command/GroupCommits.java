package io.theriseunion.imagegateway.app.command;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Commits the commands that several threads send at the same moment together (a group commit): while a group
 * commits, the commands that arrive wait, and the first of their threads to go on sends them all in one unit of work
 * and one commit ({@link CommandBatches}: each in a savepoint, each failing alone). A command sent while no group
 * commits goes alone, at once, as it would through the gateway; a burst (the results of many sync runs that end
 * together, every run of a source that is down) takes one commit, and one write to disk, per group instead of per
 * command. Each sender waits until its own command is committed, or gets its own failure.
 * <p>
 * One group at a time: for the embedded H2, whose commits meet at its store lock anyway and where each commit writes
 * every changed page again. On PostgreSQL (which groups its commits' writes to disk itself) the sync process sends
 * through the gateway instead: there a group's statements would travel the network one after another while every
 * other run's command waited (see SyncConfiguration).
 */
@Component
public class GroupCommits {

    /** At most this many commands in one commit: the aggregates' locks are held until it ends. */
    static final int MOST = 64;
    private final CommandGateway commands;
    private final CommandBatches batches;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final Semaphore committing = new Semaphore(1);
    private final DistributionSummary groupSizes;

    public GroupCommits(CommandGateway commands, CommandBatches batches, MeterRegistry meters) {
        this.commands = commands;
        this.batches = batches;
        this.groupSizes = DistributionSummary.builder("gateway.commands.group.size")
                                             .description("Commands committed together by the group commit (sync"
                                                                  + " runs' starts and results), per commit")
                                             .register(meters);
    }

    /** Sends the command, with those sent at the same moment, and waits until it is committed or failed. */
    public void sendAndWait(CommandMessage<?> command) {
        if (CurrentUnitOfWork.isStarted()) {
            // the caller's own unit of work would take in the others' commands: this one joins it alone
            commands.sendAndWait(command);
            return;
        }
        Waiting mine = new Waiting(command);
        waiting.add(mine);
        while (!mine.taken) {
            committing.acquireUninterruptibly();
            try {
                if (!mine.taken) {
                    commitNextGroup();
                }
            } finally {
                committing.release();
            }
        }
        // taken by this thread's group, or by another's still committing
        RuntimeException failure = mine.outcome.join();
        if (failure != null) {
            throw failure;
        }
    }

    /** The waiting commands, oldest first, up to {@link #MOST}: sent and committed, each told its outcome. */
    private void commitNextGroup() {
        List<Waiting> group = new ArrayList<>();
        for (Waiting next; group.size() < MOST && (next = waiting.poll()) != null; ) {
            next.taken = true;
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        RuntimeException[] failures = new RuntimeException[group.size()];
        try {
            failures = group.size() == 1 ? new RuntimeException[]{send(group.get(0))}
                    : batches.failingAlone(group.size(), i -> send(group.get(i)));
            groupSizes.record(group.size());
        } catch (RuntimeException | Error unexpected) {
            // each sender, this thread's too, gets it as its command's outcome
            Arrays.fill(failures, unexpected instanceof RuntimeException e ? e
                    : new IllegalStateException("the commands were not committed", unexpected));
        } finally {
            for (int i = 0; i < group.size(); i++) {
                group.get(i).outcome.complete(failures[i]);
            }
        }
    }

    private RuntimeException send(Waiting item) {
        try {
            commands.sendAndWait(item.command);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static final class Waiting {

        final CommandMessage<?> command;
        /** its failure, or null once it is committed */
        final CompletableFuture<RuntimeException> outcome = new CompletableFuture<>();
        /** taken into a group, which completes its outcome */
        volatile boolean taken;

        Waiting(CommandMessage<?> command) {
            this.command = command;
        }
    }
}
