package io.theriseunion.imagegateway.app.credentials;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

/** A password was given but the gateway has no key to encrypt it with. */
public class CredentialKeyMissingException extends GatewayException {

    public CredentialKeyMissingException() {
        super(ErrorCode.UNAVAILABLE, "the gateway has no key for registry secrets: set GATEWAY_CREDENTIALS_KEY"
                + " (base64 of 32 random bytes) and restart it");
    }

    @Override
    public String field() {
        return "password";
    }
}
