package io.theriseunion.imagegateway.app.registrysource;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

/** A picker's registry request could not be answered: CATALOG_UNAVAILABLE, NOT_FOUND or UNAVAILABLE. */
public class RegistryBrowseException extends GatewayException {

    private final String field;

    RegistryBrowseException(ErrorCode code, String message, String field) {
        super(code, message);
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }
}
