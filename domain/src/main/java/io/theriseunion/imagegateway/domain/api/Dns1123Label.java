package io.theriseunion.imagegateway.domain.api;

import java.util.List;
import java.util.regex.Pattern;

/** The Kubernetes name rule for namespaces and names: lower case, digits, '-', 1–63 characters. */
public final class Dns1123Label {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private Dns1123Label() {
    }

    /** Adds a violation for the field when the value is missing or not a DNS-1123 label. */
    public static void check(List<Violation> violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
        } else if (value.length() > 63 || !LABEL.matcher(value).matches()) {
            violations.add(new Violation(field, "must be a DNS-1123 label: 1-63 lower-case letters, digits or '-',"
                    + " starting and ending with a letter or digit"));
        }
    }
}
