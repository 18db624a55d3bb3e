package io.theriseunion.imagegateway.app.cluster;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What several nodes on one database need from each process: a name per node ({@link GatewayNode}) for Axon's token
 * claims and db-scheduler's executions, token claims that expire soon enough for a crashed node's processors to move
 * before a waiting mutation gives up ({@code axon.eventhandling.tokenstore.claim-timeout} against
 * {@code gateway.read-your-writes}), commands that are sent again when they lose a race with another node's command
 * on the same aggregate ({@link ConflictRetries}) and deadlines handled again when they lose such a race
 * ({@link DeadlineRetries}), and refusals that Axon does not log as failures
 * ({@link ExpectedRefusals}).
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    ClusterConfiguration() {
        ExpectedRefusals.install();
    }

    @Bean
    GatewayNode gatewayNode(@Value("${gateway.node-name:}") String configured,
                            @Value("${server.port:8080}") int port) {
        return GatewayNode.of(configured, port);
    }

    /**
     * Axon's JDBC token store as its auto-configuration builds it, owned by this node's name instead of
     * {@code pid@host} (one name for the operator everywhere: tokens, scheduled tasks, {@code /actuator/projections}).
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          ObjectProvider<TokenSchema> tokenSchema, GatewayNode node,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                             .connectionProvider(connectionProvider)
                             .schema(tokenSchema.getIfAvailable(TokenSchema::new))
                             .serializer(serializer)
                             .claimTimeout(claimTimeout)
                             .nodeId(node.name())
                             .build();
    }

    /** An append that lost the race for a sequence number is Axon's ConcurrencyException (see DuplicateKeys). */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeys();
    }

    /** db-scheduler names the node that picked an execution by this node's name, not by its host alone. */
    @Bean
    DbSchedulerCustomizer nodeNamedScheduler(GatewayNode node) {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<SchedulerName> schedulerName() {
                return Optional.of(new SchedulerName.Fixed(node.name()));
            }
        };
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "command-retry");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The command gateway every sender uses (GraphQL, REST, the sync process, health checks), sending a command again
     * when it lost a race with another node ({@link ConflictRetries}): {@code gateway.command.conflict-retries} times
     * at most, after a random back-off of up to {@code gateway.command.conflict-back-off}, doubled at each attempt.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor,
                                  @Value("${gateway.command.conflict-retries:8}") int retries,
                                  @Value("${gateway.command.conflict-back-off:50ms}") Duration backOff) {
        if (retries < 0) {
            throw new IllegalArgumentException("gateway.command.conflict-retries must be at least 0, not " + retries);
        }
        DefaultCommandGateway.Builder gateway = DefaultCommandGateway.builder().commandBus(commandBus);
        if (retries > 0) {
            gateway.retryScheduler(new ConflictRetries(commandRetryExecutor, retries, backOff.toMillis()));
        }
        return gateway.build();
    }

    /**
     * Axon's db-scheduler task that fires deadlines (it takes the place of the one Axon's auto-configuration makes
     * under the same qualifier), handling a deadline again at once when it lost a race with another node's command
     * ({@link DeadlineRetries}), with the same settings as commands.
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(
            ApplicationContext context, @Value("${gateway.command.conflict-retries:8}") int retries,
            @Value("${gateway.command.conflict-back-off:50ms}") Duration backOff) {
        Task<DbSchedulerBinaryDeadlineDetails> axons = DbSchedulerDeadlineManager.binaryTask(
                () -> context.getBean(DbSchedulerDeadlineManager.class));
        return retries > 0 ? DeadlineRetries.of(axons, retries, backOff.toMillis()) : axons;
    }
}
