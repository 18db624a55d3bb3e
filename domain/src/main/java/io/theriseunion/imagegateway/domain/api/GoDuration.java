package io.theriseunion.imagegateway.domain.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in the Go / Kubernetes form ({@code 30m}, {@code 1h}, {@code 1h30m}, {@code 1.5h},
 * {@code 500ms}): a sequence of decimal numbers, each with a unit {@code h m s ms us µs ns}.
 */
public final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:h|ms|m|s|us|µs|ns)"
            + "(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:h|ms|m|s|us|µs|ns))*");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(h|ms|m|s|us|µs|ns)");

    private GoDuration() {
    }

    /**
     * Parses a Go duration; null when the text is not one. A bare {@code 0} is zero, as in Go.
     */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.length() > 64 || !WHOLE.matcher(s).matches()) {
            return null;
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = PART.matcher(s);
        while (m.find()) {
            BigDecimal value = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
            nanos = nanos.add(value.multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return null;
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** The shortest Go form without zero parts: {@code 1h30m}, {@code 45s}, {@code 1h0m5s} becomes {@code 1h5s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0 || millis > 0) {
            if (millis > 0) {
                out.append(BigDecimal.valueOf(seconds * 1000L + millis, 3).stripTrailingZeros().toPlainString());
            } else {
                out.append(seconds);
            }
            out.append('s');
        }
        return out.length() == 0 ? duration.toNanos() + "ns" : out.toString();
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "h" -> 3_600_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            case "us", "µs" -> 1_000L;
            default -> 1L;
        };
    }
}
