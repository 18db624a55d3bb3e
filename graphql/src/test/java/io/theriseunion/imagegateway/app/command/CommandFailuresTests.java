package io.theriseunion.imagegateway.app.command;

import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.RegistrySourceNotFoundException;
import io.theriseunion.imagegateway.domain.api.RepositoryAlreadyExistsException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed command means to the caller of either write service. */
class CommandFailuresTests {

    private static final Supplier<GatewayException> NOT_FOUND = () -> new RegistrySourceNotFoundException("ns", "src");
    private static final Supplier<GatewayException> TAKEN = () -> new RegistrySourceAlreadyExistsException("ns", "src");

    @Test
    void aRefusalAmongTheCausesIsPassedOnAsItIs() {
        RepositoryAlreadyExistsException taken = new RepositoryAlreadyExistsException("ns", "app");
        assertThat(CommandFailures.explain(new CommandExecutionException("failed", taken), NOT_FOUND, TAKEN))
                .isSameAs(taken);
        assertThat(CommandFailures.explain(new IllegalStateException(new RuntimeException(taken)))).isSameAs(taken);
    }

    @Test
    void anAggregateAxonCannotFindIsTheServicesNotFound() {
        GatewayException direct = CommandFailures.explain(new AggregateNotFoundException("ns/src", "no such aggregate"),
                                                          NOT_FOUND, null);
        assertThat(direct.code()).isEqualTo("NOT_FOUND");
        assertThat(direct.getMessage()).isEqualTo("registry source ns/src not found");
        GatewayException wrapped = CommandFailures.explain(
                new CommandExecutionException("failed", new AggregateNotFoundException("ns/src", "gone")), NOT_FOUND,
                TAKEN);
        assertThat(wrapped).isInstanceOf(RegistrySourceNotFoundException.class);
    }

    @Test
    void aCreatingCommandWhoseIdIsTakenIsTheServicesAlreadyExists() {
        GatewayException taken = CommandFailures.explain(new ConcurrencyException("sequence 0 exists"), NOT_FOUND, TAKEN);
        assertThat(taken.code()).isEqualTo("ALREADY_EXISTS");
        assertThat(taken.getMessage()).isEqualTo("registry source ns/src already exists");
        assertThat(taken.field()).isEqualTo("name");
    }

    @Test
    void aRaceStillLostAfterItsRetriesIsUnavailableToSendAgain() {
        for (RuntimeException race : new RuntimeException[] {
                new ConcurrencyException("An event for aggregate [ns/app] at sequence [7] was already inserted"),
                new CommandExecutionException("failed", new ConcurrencyException("sequence 7 was already inserted"))}) {
            GatewayException unavailable = CommandFailures.explain(race, NOT_FOUND, null);
            assertThat(unavailable.code()).isEqualTo("UNAVAILABLE");
            assertThat(unavailable.getMessage()).isEqualTo("not stored: the same item was being changed on other"
                    + " gateway nodes at the same moment and this change lost every retry; send it again");
        }
    }

    @Test
    void anythingElseIsInternalAndSaysNothingOfItsCause() {
        for (RuntimeException failure : new RuntimeException[] {
                new IllegalStateException("database password=secret"),
                new AggregateNotFoundException("id", "without a service to name it")}) {
            GatewayException internal = CommandFailures.explain(failure);
            assertThat(internal.code()).isEqualTo("INTERNAL");
            assertThat(internal.getMessage()).isEqualTo("the gateway could not complete this item; see the gateway log");
        }
    }
}
