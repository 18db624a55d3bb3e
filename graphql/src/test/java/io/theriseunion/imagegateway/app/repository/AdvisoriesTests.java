package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.RegistryRef;
import io.theriseunion.imagegateway.domain.api.SyncStatus;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of Repository.advisories. */
class AdvisoriesTests {

    private static final Instant NOW = Instant.parse("2024-01-08T12:00:00Z");

    private static RepositoryView repository(String tag, Instant created, Instant lastSynced, String digest) {
        return new RepositoryView("id", "default", "app", null, null, new RegistryRef("default", "hub"), "team/app",
                                  tag, "1h", "10m", 3, SyncStatus.SUCCESS, lastSynced, created, created, 1, null,
                                  null, digest, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "1.2.3", "1.25-alpine", "V2", "release-2024-01-08", "build_12_3", "2024.01"})
    void versionLikeTags(String tag) {
        assertThat(Advisories.versionLike(tag)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "LATEST", "stable", "alpine", "python3", "main", "vnext"})
    void mutableTags(String tag) {
        assertThat(Advisories.versionLike(tag)).isFalse();
    }

    @Test
    void staleAfterThreeIntervalsWithoutASuccess() {
        Instant synced = NOW.minus(Duration.ofHours(3)).minusSeconds(1);
        assertThat(Advisories.of(repository("v1", synced, synced, "sha256:a"), true, NOW))
                .extracting(Advisory::code).containsExactly(Advisory.Code.STALE);
        Instant recent = NOW.minus(Duration.ofHours(3)).plusSeconds(1);
        assertThat(Advisories.of(repository("v1", synced, recent, "sha256:a"), true, NOW)).isEmpty();
        assertThat(Advisories.of(repository("v1", synced, null, null), null, NOW))
                .extracting(Advisory::code).containsExactly(Advisory.Code.STALE);
    }

    @Test
    void unsignedOnlyWhenCheckedAndNotFound() {
        assertThat(Advisories.of(repository("v1", NOW, NOW, "sha256:a"), false, NOW))
                .extracting(Advisory::code).containsExactly(Advisory.Code.UNSIGNED);
        assertThat(Advisories.of(repository("v1", NOW, NOW, "sha256:a"), null, NOW)).isEmpty();
        assertThat(Advisories.of(repository("latest", NOW, NOW, "sha256:a"), true, NOW))
                .extracting(Advisory::code).containsExactly(Advisory.Code.MUTABLE_TAG);
    }
}
