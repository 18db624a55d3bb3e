package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;

/** The same (namespace, name) appears earlier in one batch; the earlier item is the one added. */
public class DuplicateInBatchException extends GatewayException {

    public DuplicateInBatchException(String namespace, String name) {
        this("repository", namespace, name);
    }

    /** what: "repository" or "registry source". */
    public DuplicateInBatchException(String what, String namespace, String name) {
        super(ErrorCode.ALREADY_EXISTS, what + " " + namespace + "/" + name + " appears earlier in this batch");
    }

    @Override
    public String field() {
        return "name";
    }
}
