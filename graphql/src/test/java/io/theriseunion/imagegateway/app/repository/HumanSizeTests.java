package io.theriseunion.imagegateway.app.repository;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Manifest sizes as the status writes them: decimal units, three significant digits, as docker images does. */
class HumanSizeTests {

    @ParameterizedTest
    @CsvSource({"0, 0B", "999, 999B", "1000, 1kB", "1234, 1.23kB", "7340032, 7.34MB", "142000000, 142MB",
                "141600000, 142MB", "999999, 1MB", "999499999, 999MB", "1200000000, 1.2GB", "12345678901, 12.3GB"})
    void writesDecimalUnitsWithThreeSignificantDigits(long bytes, String text) {
        assertThat(HumanSize.of(bytes)).isEqualTo(text);
    }
}
