package io.theriseunion.imagegateway.domain.api;

import java.util.List;
import java.util.stream.Collectors;

/** Input broke one or more rules; each violation names its field. */
public class ValidationException extends GatewayException {

    private final List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(ErrorCode.VALIDATION_FAILED, violations.stream()
                                                     .map(v -> v.field() + ": " + v.message())
                                                     .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override
    public String field() {
        return violations.get(0).field();
    }
}
