package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.RepositoryDefinitionConflictException;
import io.theriseunion.imagegateway.domain.api.RepositoryId;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryRulesTests {

    private static AddRepositoryCommand with(String name, String path, String tag, String interval, String timeout) {
        return new AddRepositoryCommand(RepositoryId.next(), "default", name, null, null,
                                        new RegistryRef("default", "harbor-prod"), path, tag, interval, timeout, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "nginx-latest", "0abc", "a-b-c9"})
    void acceptsDns1123Labels(String name) {
        assertThat(RepositoryRules.checkAdd(with(name, "library/nginx", "latest", null, null)).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a", "a-", "A", "a_b", "a..b", ".a", "a.", "a.-b", "my app"})
    void rejectsNamesThatAreNotDns1123Subdomains(String name) {
        assertThatThrownBy(() -> RepositoryRules.checkAdd(with(name, "library/nginx", "latest", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"myapp-v1.0.0", "a.b", "nginx-latest", "x"})
    void acceptsKubernetesResourceNamesWithDots(String name) {
        assertThat(RepositoryRules.checkAdd(with(name, "library/nginx", "latest", null, null)).name()).isEqualTo(name);
    }

    @org.junit.jupiter.api.Test
    void rejectsNamesLongerThan253Characters() {
        String name = ("a".repeat(62) + ".").repeat(4) + "abc"; // 255 characters
        assertThatThrownBy(() -> RepositoryRules.checkAdd(with(name, "library/nginx", "latest", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "library/nginx", "a/b/c", "my_app/x__y", "a.b-c---d/e", "ghcr.io/org/app"})
    void acceptsOciRepositoryPaths(String path) {
        assertThat(RepositoryRules.checkAdd(with("n", path, "latest", null, null)).repository()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Library/nginx", "/nginx", "nginx/", "a//b", "a___b", "a..b", "-a", "nginx:latest"})
    void rejectsPathsOutsideTheOciGrammar(String path) {
        assertThatThrownBy(() -> RepositoryRules.checkAdd(with("n", path, "latest", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("repository"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-x", ".x", "x y", "x:y"})
    void rejectsBadTags(String tag) {
        assertThatThrownBy(() -> RepositoryRules.checkAdd(with("n", "nginx", tag, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("tag"));
    }

    @org.junit.jupiter.api.Test
    void tagMayBe128CharactersButNotMore() {
        assertThat(RepositoryRules.checkAdd(with("n", "nginx", "v" + "1".repeat(127), null, null)).tag()).hasSize(128);
        assertThatThrownBy(() -> RepositoryRules.checkAdd(with("n", "nginx", "v" + "1".repeat(128), null, null)))
                .isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1m", "30m", "1h30m", "24h", "720h", "1.5h"})
    void acceptsIntervalsFromOneMinuteToThirtyDays(String interval) {
        assertThat(RepositoryRules.checkAdd(with("n", "nginx", "latest", interval, null)).syncInterval()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"59s", "721h", "1d", "h", "10", "1h 30m", "-1h"})
    void rejectsIntervalsOutOfRangeOrForm(String interval) {
        assertThatThrownBy(() -> RepositoryRules.checkAdd(with("n", "nginx", "latest", interval, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("syncInterval"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9s", "24h1s"})
    void rejectsTimeoutsOutOfRange(String timeout) {
        assertThatThrownBy(() -> RepositoryRules.checkAdd(with("n", "nginx", "latest", null, timeout)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("between 10s and 24h"));
    }

    @Test
    void aRestatementMayChangeWhatIsEditedAndGivesSyncSettingsInCanonicalForm() {
        AddRepositoryCommand existing = RepositoryRules.checkAdd(with("web", "library/nginx", "latest", "2h", null));
        AddRepositoryCommand described = new AddRepositoryCommand(RepositoryId.next(), "default", "web", "网站",
                                                                  "前端", new RegistryRef("default", "harbor-prod"),
                                                                  "library/nginx", "latest", null, null, null);
        assertThat(RepositoryRules.checkRestatement(existing, described).description()).isEqualTo("前端");
        assertThat(RepositoryRules.checkRestatement(existing, with("web", "library/nginx", "latest", "120m", "10m"))
                                  .syncInterval()).isEqualTo("2h");
        assertThat(RepositoryRules.checkRestatement(existing, with("web", "library/nginx", "latest", "30m", "15m"))
                                  .syncTimeout()).isEqualTo("15m");
    }

    @Test
    void aRestatementThatChangesWhatCannotChangeIsAConflictNamingEachField() {
        AddRepositoryCommand existing = RepositoryRules.checkAdd(with("web", "library/nginx", "latest", null, null));
        assertThatThrownBy(() -> RepositoryRules.checkRestatement(existing, with("web", "library/nginx", "stable",
                                                                                "2h", null)))
                .isInstanceOfSatisfying(RepositoryDefinitionConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONFLICT");
                    assertThat(e.violations()).containsExactly(
                            new Violation("tag", "is \"latest\" and cannot change; the document says \"stable\""));
                    assertThat(e.getMessage()).isEqualTo("repository default/web exists with other values in fields"
                            + " that cannot change (tag); delete it and apply again to replace it");
                    assertThat(e.withFields(f -> "spec." + f).getMessage()).contains("(spec.tag)");
                });
    }
}
