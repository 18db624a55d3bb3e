package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.Violation;

import java.util.List;

/** A REST request the API cannot read: a query parameter out of range, a body of an unknown media type. */
public class BadRequestException extends GatewayException implements FieldCauses {

    private final List<Violation> violations;

    public BadRequestException(String field, String message) {
        super(ErrorCode.BAD_REQUEST, field == null ? message : field + ": " + message);
        this.violations = field == null ? List.of() : List.of(new Violation(field, message));
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }

    @Override
    public String field() {
        return violations.isEmpty() ? null : violations.get(0).field();
    }
}
