package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

/** A delete whose typed confirmation does not match what it would delete. */
public class ConfirmationMismatchException extends GatewayException {

    private final String field;

    public ConfirmationMismatchException(String field, String message) {
        super(ErrorCode.CONFIRMATION_MISMATCH, message);
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }
}
