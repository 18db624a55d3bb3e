package io.theriseunion.imagegateway.domain.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Kubernetes rule for resource names such as a repository's ({@code myapp-v1.0.0}): DNS-1123 labels joined
 * by dots, lower case, at most 253 characters.
 */
public final class Dns1123Subdomain {

    public static final int MAX_LENGTH = 253;
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Dns1123Subdomain() {
    }

    /** Adds a violation for the field when the value is missing or not a DNS-1123 subdomain. */
    public static void check(List<Violation> violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
        } else if (value.length() > MAX_LENGTH || !SUBDOMAIN.matcher(value).matches()) {
            violations.add(new Violation(field, "must be a DNS-1123 subdomain: at most 253 lower-case letters, digits,"
                    + " '-' or '.', starting and ending with a letter or digit, e.g. myapp-v1.0.0"));
        }
    }
}
