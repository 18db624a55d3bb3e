package io.theriseunion.imagegateway.app.audit;

import io.theriseunion.imagegateway.projections.audit.AuditLogFilter;
import io.theriseunion.imagegateway.projections.audit.AuditTargetKind;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query parameters of {@code GET /audit/export}: the fields of GraphQL's {@code AuditLogFilter} under the same
 * names and with the same meaning (all given ones must match; {@code actions} any of them, repeated or separated
 * by commas; {@code from} inclusive, {@code to} exclusive, RFC 3339 date-times as GraphQL's {@code DateTime}). An
 * empty value is the same as leaving the parameter out. What GraphQL would refuse is refused here, naming the
 * parameter: an unknown parameter, a single-valued one given twice, a {@code targetKind} that is not one of the
 * enum's values, a date-time that does not parse.
 */
final class AuditExportParameters {

    static final List<String> NAMES = List.of("actor", "namespace", "targetKind", "targetName", "actions", "from", "to");

    /** The enum's names, in its order, for the check and for the refusal's text. */
    private static final Set<String> TARGET_KINDS = Arrays.stream(AuditTargetKind.values()).map(Enum::name)
            .collect(Collectors.toCollection(LinkedHashSet::new));

    private AuditExportParameters() {
    }

    /** The filter the parameters ask for (before the caller's visibility is applied). */
    static AuditLogFilter filter(Map<String, String[]> parameters) {
        for (String name : parameters.keySet()) {
            if (!NAMES.contains(name)) {
                throw new BadParameter(name, "unknown parameter " + name + ": /audit/export takes "
                        + String.join(", ", NAMES) + " (the fields of GraphQL's AuditLogFilter)");
            }
        }
        return new AuditLogFilter(single(parameters, "actor"), single(parameters, "namespace"),
                                  targetKind(single(parameters, "targetKind")), single(parameters, "targetName"),
                                  actions(parameters.get("actions")),
                                  instant("from", single(parameters, "from")), instant("to", single(parameters, "to")));
    }

    private static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null) {
            return null;
        }
        List<String> given = Arrays.stream(values).filter(v -> v != null && !v.isBlank()).toList();
        if (given.size() > 1) {
            throw new BadParameter(name, name + " may be given once (only actions takes several values)");
        }
        return given.isEmpty() ? null : given.get(0);
    }

    private static List<String> actions(String[] values) {
        if (values == null) {
            return null;
        }
        List<String> actions = new ArrayList<>();
        for (String value : values) {
            for (String action : value.split(",")) {
                if (!action.isBlank() && !actions.contains(action.strip())) {
                    actions.add(action.strip());
                }
            }
        }
        return actions.isEmpty() ? null : actions;
    }

    private static AuditTargetKind targetKind(String text) {
        if (text == null) {
            return null;
        }
        if (!TARGET_KINDS.contains(text)) {
            throw new BadParameter("targetKind", "targetKind must be one of " + String.join(", ", TARGET_KINDS)
                    + ", not \"" + abbreviated(text) + "\"");
        }
        return AuditTargetKind.valueOf(text);
    }

    private static Instant instant(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameter(field, field + " must be an RFC 3339 date-time with its offset, e.g."
                    + " 2024-01-08T08:00:00Z or 2024-01-08T16:00:00+08:00");
        }
    }

    /** A refused value is quoted back only as far as it helps. */
    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** A parameter the export cannot take: 400 VALIDATION_FAILED with its name as the field. */
    static final class BadParameter extends RuntimeException {
        private final String field;

        BadParameter(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
