package io.theriseunion.imagegateway.domain.sync;

import org.axonframework.commandhandling.CommandMessage;

/**
 * How the {@link SyncProcess} sends a run's commands (its start, its result) and waits for each: through the command
 * gateway, one commit each, or with the commands that other runs send at the same moment in one commit (the
 * gateway's group commit).
 */
@FunctionalInterface
public interface SyncCommands {

    /** Sends the command and waits until it is handled and committed; the handler's exception is thrown as it is. */
    void sendAndWait(CommandMessage<?> command);
}
