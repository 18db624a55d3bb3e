package io.theriseunion.imagegateway.app.repository;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Image sizes for people, the way {@code docker images} writes them: decimal units (1 kB = 1,000 B,
 * 1 MB = 1,000,000 B), three significant digits, no space: {@code 512B}, {@code 7.34MB}, {@code 142MB},
 * {@code 1.2GB}. A value that rounds to 1,000 moves up a unit ({@code 999,999 B} is {@code 1MB}).
 */
public final class HumanSize {

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);

    private HumanSize() {
    }

    public static String of(long bytes) {
        if (bytes < 1000) {
            return bytes + UNITS[0];
        }
        BigDecimal value = BigDecimal.valueOf(bytes);
        int unit = 0;
        while (value.compareTo(THOUSAND) >= 0 && unit < UNITS.length - 1) {
            value = value.divide(THOUSAND);
            unit++;
        }
        value = value.round(THREE_DIGITS);
        if (value.compareTo(THOUSAND) >= 0 && unit < UNITS.length - 1) {
            value = value.divide(THOUSAND).round(THREE_DIGITS);
            unit++;
        }
        return value.stripTrailingZeros().toPlainString() + UNITS[unit];
    }
}
