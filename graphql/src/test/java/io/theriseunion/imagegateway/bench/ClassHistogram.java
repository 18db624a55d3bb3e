package io.theriseunion.imagegateway.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's heap by class, from {@code jcmd <pid> GC.class_histogram} (which runs a full GC first): what a load
 * added is the difference of two, printed per unit of the load (per subscriber, say), largest first.
 */
final class ClassHistogram {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    private final Map<String, long[]> byClass;

    private ClassHistogram(Map<String, long[]> byClass) {
        this.byClass = byClass;
    }

    static ClassHistogram of(long pid) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        Map<String, long[]> rows = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jcmd.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    rows.merge(m.group(3), new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                               (x, y) -> new long[]{x[0] + y[0], x[1] + y[1]});
                }
            }
        }
        jcmd.waitFor(2, TimeUnit.MINUTES);
        return new ClassHistogram(rows);
    }

    /** The classes that grew most from {@code before} to this one, per {@code units}, as printable lines. */
    List<String> grownSince(ClassHistogram before, int units, int top) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> row : byClass.entrySet()) {
            long[] was = before.byClass.getOrDefault(row.getKey(), new long[2]);
            long[] delta = {row.getValue()[0] - was[0], row.getValue()[1] - was[1]};
            total += delta[1];
            grown.add(Map.entry(row.getKey(), delta));
        }
        grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  heap by class, grown per subscriber: %.1f KB in all", total / 1024.0 / units));
        for (Map.Entry<String, long[]> row : grown.subList(0, Math.min(top, grown.size()))) {
            lines.add(String.format(Locale.ROOT, "    %8.0f B  %6.2f objects  %s", (double) row.getValue()[1] / units,
                                    (double) row.getValue()[0] / units, row.getKey()));
        }
        return lines;
    }
}
