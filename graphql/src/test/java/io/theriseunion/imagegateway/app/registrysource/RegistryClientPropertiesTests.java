package io.theriseunion.imagegateway.app.registrysource;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The registry settings' defaults, and a bad limit named by its setting. */
class RegistryClientPropertiesTests {

    @Test
    void withNothingSetTheLimitsHaveTheirDefaultsAndLoopbackIsDenied() {
        RegistryClientProperties properties = new RegistryClientProperties(null, null, null, null, null);

        assertThat(properties.network().allowLoopback()).isFalse();
        assertThat(properties.limits()).isEqualTo(new RegistryClientProperties.Limits(100, 1000, 256, 1000, 4_000,
                                                                                        DataSize.ofMegabytes(64)));
    }

    @Test
    void aLimitBelowOneIsRefusedNamingItsSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RegistryClientProperties.Limits(0, null, null, null, null, null))
                .withMessage("gateway.registry.limits.tag-pages must be at least 1, not 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RegistryClientProperties.Limits(null, null, null, null, null,
                                                                      DataSize.ofBytes(-1)))
                .withMessage("gateway.registry.limits.cache-bytes must not be negative");
    }
}
