package io.theriseunion.imagegateway.app.access;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

/** The caller is authenticated but its role bindings do not allow the operation. */
public class ForbiddenException extends GatewayException {

    public ForbiddenException(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }
}
