package io.theriseunion.imagegateway.projections;

import java.util.List;
import java.util.Set;

/** The SQL condition that limits a list to the namespaces a caller may see. */
public final class Visibility {

    private Visibility() {
    }

    /** {@code column in (?, …)}, or a condition no row meets when no namespace is visible. */
    public static String condition(String column, Set<String> visible, List<Object> args) {
        if (visible.isEmpty()) {
            return "1 = 0";
        }
        visible.stream().sorted().forEach(args::add);
        return column + " in (" + String.join(", ", visible.stream().map(n -> "?").toList()) + ")";
    }
}
