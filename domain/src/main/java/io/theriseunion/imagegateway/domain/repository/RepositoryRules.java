package io.theriseunion.imagegateway.domain.repository;

import io.theriseunion.imagegateway.domain.api.AddRepositoryCommand;
import io.theriseunion.imagegateway.domain.api.Dns1123Label;
import io.theriseunion.imagegateway.domain.api.Dns1123Subdomain;
import io.theriseunion.imagegateway.domain.api.GoDuration;
import io.theriseunion.imagegateway.domain.api.RepositoryDefinitionConflictException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The input rules of a repository. Every broken rule is reported with the field it concerns, all at once, so
 * that a form can show each message beside its field.
 */
public final class RepositoryRules {

    public static final String DEFAULT_SYNC_INTERVAL = "1h";
    public static final String DEFAULT_SYNC_TIMEOUT = "10m";
    public static final int DEFAULT_RETRY_COUNT = 3;

    static final int MAX_DISPLAY_NAME = 128;
    static final int MAX_DESCRIPTION = 2048;
    static final int MAX_PATH = 255;

    private static final Pattern OCI_NAME = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MAX_INTERVAL = Duration.ofDays(30);
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    private RepositoryRules() {
    }

    /** Checks an add and returns it with defaults filled in and durations in canonical form. */
    public static AddRepositoryCommand checkAdd(AddRepositoryCommand c) {
        List<Violation> v = new ArrayList<>();
        label(v, "namespace", c.namespace());
        // a repository is a Kubernetes-style resource: its name may have dots (myapp-v1.0.0), as resource names may
        Dns1123Subdomain.check(v, "name", c.name());
        displayName(v, c.displayName());
        description(v, c.description());
        if (c.registry() == null) {
            v.add(new Violation("registry", "is required"));
        } else {
            label(v, "registry.namespace", c.registry().namespace());
            label(v, "registry.name", c.registry().name());
        }
        if (blank(c.repository())) {
            v.add(new Violation("repository", "is required"));
        } else if (c.repository().length() > MAX_PATH) {
            v.add(new Violation("repository", "must be at most " + MAX_PATH + " characters"));
        } else if (!OCI_NAME.matcher(c.repository()).matches()) {
            v.add(new Violation("repository", "must be an OCI repository path: lower-case components of"
                    + " letters and digits, separated by '.', '_', '__' or '-', joined by '/' (e.g. library/nginx)"));
        }
        if (blank(c.tag())) {
            v.add(new Violation("tag", "is required"));
        } else if (!TAG.matcher(c.tag()).matches()) {
            v.add(new Violation("tag", "must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127} (e.g. latest, v1.0.0)"));
        }
        String interval = duration(v, "syncInterval", c.syncInterval(), DEFAULT_SYNC_INTERVAL,
                                   MIN_INTERVAL, MAX_INTERVAL, "1m", "720h (30 days)");
        String timeout = duration(v, "syncTimeout", c.syncTimeout(), DEFAULT_SYNC_TIMEOUT,
                                  MIN_TIMEOUT, MAX_TIMEOUT, "10s", "24h");
        int retries = c.retryCount() == null ? DEFAULT_RETRY_COUNT : c.retryCount();
        if (retries < 0 || retries > 10) {
            v.add(new Violation("retryCount", "must be between 0 and 10"));
        }
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
        return new AddRepositoryCommand(c.repositoryId(), c.namespace(), c.name(), emptyToNull(c.displayName()),
                                        emptyToNull(c.description()), c.registry(), c.repository(), c.tag(),
                                        interval, timeout, retries);
    }

    /**
     * Checks an add that names an existing repository (an apply of its definition) and returns it checked, as
     * {@link #checkAdd} does. What is set at the add cannot change afterwards: the registry, repository path and
     * tag. Throws a CONFLICT naming every one of them where the add differs from existing; display name,
     * description and the sync settings may differ (they are edited).
     */
    public static AddRepositoryCommand checkRestatement(AddRepositoryCommand existing, AddRepositoryCommand add) {
        AddRepositoryCommand wanted = checkAdd(add);
        List<Violation> differences = new ArrayList<>();
        differ(differences, "registry", existing.registry().namespace() + "/" + existing.registry().name(),
               wanted.registry().namespace() + "/" + wanted.registry().name());
        differ(differences, "repository", existing.repository(), wanted.repository());
        differ(differences, "tag", existing.tag(), wanted.tag());
        if (!differences.isEmpty()) {
            throw new RepositoryDefinitionConflictException(existing.namespace(), existing.name(), differences);
        }
        return wanted;
    }

    private static void differ(List<Violation> differences, String field, String existing, String wanted) {
        if (!Objects.equals(existing, wanted)) {
            differences.add(new Violation(field, "is \"" + existing + "\" and cannot change; the document says \""
                    + wanted + "\""));
        }
    }

    /** Checks the editable metadata; null means "unchanged" and is always valid. */
    public static void checkMetadata(String displayName, String description) {
        List<Violation> v = new ArrayList<>();
        displayName(v, displayName);
        description(v, description);
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
    }

    /** Sync settings after an edit: each in canonical form, the current one where the edit leaves it out. */
    public record SyncPolicy(String syncInterval, String syncTimeout, int retryCount) {
    }

    /**
     * Checks an edit of the sync settings with the rules of an add, and returns the settings it leads to: a null
     * or blank field keeps the current value. Every broken rule is reported with its field.
     */
    public static SyncPolicy checkSyncPolicy(SyncPolicy current, String syncInterval, String syncTimeout,
                                             Integer retryCount) {
        List<Violation> v = new ArrayList<>();
        String interval = duration(v, "syncInterval", syncInterval, current.syncInterval(),
                                   MIN_INTERVAL, MAX_INTERVAL, "1m", "720h (30 days)");
        String timeout = duration(v, "syncTimeout", syncTimeout, current.syncTimeout(),
                                  MIN_TIMEOUT, MAX_TIMEOUT, "10s", "24h");
        int retries = retryCount == null ? current.retryCount() : retryCount;
        if (retries < 0 || retries > 10) {
            v.add(new Violation("retryCount", "must be between 0 and 10"));
        }
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
        return new SyncPolicy(interval, timeout, retries);
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static void label(List<Violation> v, String field, String value) {
        Dns1123Label.check(v, field, value);
    }

    private static void displayName(List<Violation> v, String value) {
        if (value != null && value.codePointCount(0, value.length()) > MAX_DISPLAY_NAME) {
            v.add(new Violation("displayName", "must be at most " + MAX_DISPLAY_NAME + " characters"));
        }
    }

    private static void description(List<Violation> v, String value) {
        if (value != null && value.codePointCount(0, value.length()) > MAX_DESCRIPTION) {
            v.add(new Violation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
    }

    private static String duration(List<Violation> v, String field, String value, String fallback,
                                   Duration min, Duration max, String minText, String maxText) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Duration d = GoDuration.parse(value);
        if (d == null) {
            v.add(new Violation(field, "must be a duration such as 30m, 1h, 1h30m or 24h (units h, m, s)"));
            return null;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            v.add(new Violation(field, "must be between " + minText + " and " + maxText));
            return null;
        }
        return GoDuration.format(d);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * The answer for a registry reference that does not exist, and equally for one the caller may not use (a
     * source of another namespace, not shared, where the caller is not EDITOR): nothing tells the two apart.
     */
    public static ValidationException unknownSource(io.theriseunion.imagegateway.domain.api.RegistryRef ref) {
        return ValidationException.of("registry.name", "registry source " + ref.namespace() + "/" + ref.name()
                + " does not exist; add it first (addRegistry)");
    }
}
