package io.theriseunion.imagegateway.app.access;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

/** No valid credentials came with the request. */
public class UnauthenticatedException extends GatewayException {

    public UnauthenticatedException(String message) {
        super(ErrorCode.UNAUTHENTICATED, message);
    }

    public static UnauthenticatedException missing() {
        return new UnauthenticatedException("this request needs credentials: send \"Authorization: Bearer <token>\" with an"
                + " API token or an OIDC access token (on a WebSocket, in the connection_init payload)");
    }
}
