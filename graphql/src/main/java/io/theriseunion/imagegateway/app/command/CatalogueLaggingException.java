package io.theriseunion.imagegateway.app.command;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

/** The change is stored, but the read side did not show it in time (it will shortly). */
public class CatalogueLaggingException extends GatewayException {

    public CatalogueLaggingException() {
        super(ErrorCode.UNAVAILABLE, "the change was saved, but the catalogue did not show it in time;"
                + " query again in a few seconds");
    }
}
