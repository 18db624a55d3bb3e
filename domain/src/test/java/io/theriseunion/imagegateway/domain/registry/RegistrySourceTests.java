package io.theriseunion.imagegateway.domain.registry;

import io.theriseunion.imagegateway.domain.api.AddRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.RecordRegistryHealthCommand;
import io.theriseunion.imagegateway.domain.api.RegistryCredentialsChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistryHealth;
import io.theriseunion.imagegateway.domain.api.RegistryHealthChangedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAddedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceAlreadyExistsException;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;
import io.theriseunion.imagegateway.domain.api.RegistrySourceInUseException;
import io.theriseunion.imagegateway.domain.api.RegistrySourceNotFoundException;
import io.theriseunion.imagegateway.domain.api.RegistrySourceRemovedEvent;
import io.theriseunion.imagegateway.domain.api.RegistrySourceSettings;
import io.theriseunion.imagegateway.domain.api.RegistrySourceUpdatedEvent;
import io.theriseunion.imagegateway.domain.api.RemoveRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.UpdateRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrySourceTests {

    private static final RegistrySourceId ID = RegistrySourceId.of("default", "harbor-prod");
    private static final RegistrySourceSettings SETTINGS =
            new RegistrySourceSettings("https://harbor.example.com", false, "生产", null, null, 4);

    private final AtomicLong repositoriesUsing = new AtomicLong();
    private AggregateTestFixture<RegistrySource> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RegistrySource.class);
        fixture.registerInjectableResource((RegistrySourceUsage) ref -> repositoriesUsing.get());
    }

    private static AddRegistrySourceCommand add(String url, Boolean insecure, String username, boolean password) {
        return new AddRegistrySourceCommand(ID, "default", "harbor-prod", url, insecure, "生产", username, password,
                                            null, null, null);
    }

    private static RegistrySourceAddedEvent added() {
        return new RegistrySourceAddedEvent(ID, "default", "harbor-prod", SETTINGS);
    }

    @Test
    void canAddASourceWithCanonicalUrl() {
        fixture.givenNoPriorActivity()
               .when(add("https://Harbor.Example.com/", null, null, false))
               .expectEvents(added());
    }

    @Test
    void addWithCredentialsSaysOnlyThatTheyChanged() {
        fixture.givenNoPriorActivity()
               .when(add("https://harbor.example.com", false, "robot", true))
               .expectEvents(new RegistrySourceAddedEvent(ID, "default", "harbor-prod",
                                                          new RegistrySourceSettings("https://harbor.example.com", false,
                                                                                     "生产", "robot", null, 4)),
                             new RegistryCredentialsChangedEvent(ID, "default", "harbor-prod", "robot", true));
    }

    @Test
    void cannotAddPlainHttpUnlessInsecure() {
        fixture.givenNoPriorActivity()
               .when(add("http://registry.local:5000", false, null, false))
               .expectException(ValidationException.class)
               .expectNoEvents();
        fixture.givenNoPriorActivity()
               .when(add("http://registry.local:5000", true, null, false))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotAddTwice() {
        fixture.given(added())
               .when(add("https://harbor.example.com", null, null, false))
               .expectException(RegistrySourceAlreadyExistsException.class);
    }

    @Test
    void canAddAgainAfterRemoval() {
        fixture.given(added(), new RegistrySourceRemovedEvent(ID, "default", "harbor-prod"))
               .when(add("https://harbor.example.com", null, null, false))
               .expectEvents(added());
    }

    @Test
    void updateKeepsWhatIsNotGiven() {
        fixture.given(added())
               .when(new UpdateRegistrySourceCommand(ID, null, null, "", null, false, false, null, 8, null))
               .expectEvents(new RegistrySourceUpdatedEvent(ID, "default", "harbor-prod",
                                                            new RegistrySourceSettings("https://harbor.example.com", false,
                                                                                       null, null, null, 8), SETTINGS));
    }

    @Test
    void passwordChangeAloneIsACredentialsEvent() {
        fixture.given(added())
               .when(new UpdateRegistrySourceCommand(ID, null, null, null, null, true, true, null, null, null))
               .expectEvents(new RegistryCredentialsChangedEvent(ID, "default", "harbor-prod", null, true));
    }

    @Test
    void cannotRemoveWhileRepositoriesUseIt() {
        repositoriesUsing.set(3);
        fixture.given(added())
               .when(new RemoveRegistrySourceCommand(ID))
               .expectException(RegistrySourceInUseException.class)
               .expectExceptionMessage("registry source default/harbor-prod is used by 3 repositories;"
                                               + " delete or re-create them first")
               .expectNoEvents();
    }

    @Test
    void canRemoveWhenUnused() {
        fixture.given(added())
               .when(new RemoveRegistrySourceCommand(ID))
               .expectEvents(new RegistrySourceRemovedEvent(ID, "default", "harbor-prod"));
    }

    @Test
    void onlyHealthTransitionsAreRecorded() {
        fixture.given(added(), new RegistryHealthChangedEvent(ID, "default", "harbor-prod", RegistryHealth.HEALTHY,
                                                              RegistryHealth.UNKNOWN, null))
               .when(new RecordRegistryHealthCommand(ID, RegistryHealth.HEALTHY, null))
               .expectNoEvents();
        fixture.given(added())
               .when(new RecordRegistryHealthCommand(ID, RegistryHealth.UNREACHABLE, "connection refused"))
               .expectEvents(new RegistryHealthChangedEvent(ID, "default", "harbor-prod", RegistryHealth.UNREACHABLE,
                                                            RegistryHealth.UNKNOWN, "connection refused"));
    }

    @Test
    void itsAdminSharesASourceAndTheChangeIsAnUpdate() {
        fixture.given(added())
               .when(new UpdateRegistrySourceCommand(ID, null, null, null, null, false, false, null, null, true))
               .expectEvents(new RegistrySourceUpdatedEvent(ID, "default", "harbor-prod",
                                                            new RegistrySourceSettings("https://harbor.example.com",
                                                                                       false, "生产", null, null, 4, true),
                                                            SETTINGS));
    }

    @Test
    void anEventStoredBeforeSharingExistedReadsAsNotShared() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        RegistrySourceSettings old = json.readValue("{\"url\":\"https://harbor.example.com\",\"insecure\":false,"
                + "\"description\":null,\"username\":null,\"caCertificate\":null,\"concurrencyLimit\":4}",
                RegistrySourceSettings.class);
        assertThat(old.shared()).isFalse();
        assertThat(old.concurrencyLimit()).isEqualTo(4);
    }

    @Test
    void aRemovedSourceIsNotFoundByItsNamespaceAndName() {
        fixture.given(added(), new RegistrySourceRemovedEvent(ID, "default", "harbor-prod"))
               .when(new RemoveRegistrySourceCommand(ID))
               .expectException(RegistrySourceNotFoundException.class)
               .expectExceptionMessage("registry source default/harbor-prod not found");
    }

    @Test
    void everyBrokenRuleOfAnAddIsReportedAtOnce() {
        fixture.givenNoPriorActivity()
               .when(new AddRegistrySourceCommand(ID, "Default", "harbor-prod", "ftp://harbor", false, null, null,
                                                  false, null, 0, null))
               .expectNoEvents()
               .expectException(ValidationException.class)
               .expectExceptionMessage(Matchers.allOf(
                       Matchers.startsWith("namespace: must be a DNS-1123 label"),
                       Matchers.containsString("; url: must start with https:// (or http:// with insecure: true); "),
                       Matchers.endsWith("; concurrencyLimit: must be between 1 and 64")));
    }
}
