package io.theriseunion.imagegateway.domain.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GoDurationTests {

    @Test
    void parsesGoForms() {
        assertThat(GoDuration.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("2h45m30s")).isEqualTo(Duration.ofSeconds(2 * 3600 + 45 * 60 + 30));
        assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsWhatGoRejects() {
        assertThat(GoDuration.parse("1d")).isNull();
        assertThat(GoDuration.parse("1")).isNull();
        assertThat(GoDuration.parse("")).isNull();
        assertThat(GoDuration.parse("h1")).isNull();
        assertThat(GoDuration.parse("1h-5m")).isNull();
    }

    @Test
    void formatsWithoutZeroParts() {
        assertThat(GoDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(GoDuration.format(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(GoDuration.format(Duration.ofSeconds(3605))).isEqualTo("1h5s");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }
}
