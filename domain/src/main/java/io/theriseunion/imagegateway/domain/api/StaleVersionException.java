package io.theriseunion.imagegateway.domain.api;

/** Optimistic concurrency: the caller edited an older version than the current one. */
public class StaleVersionException extends GatewayException {

    public StaleVersionException(String namespace, String name, long expected, long actual) {
        super(ErrorCode.CONFLICT, "repository " + namespace + "/" + name + " is at version " + actual
                + ", not the expected version " + expected + "; reload it and apply the change again");
    }

    @Override
    public String field() {
        return "expectedVersion";
    }
}
