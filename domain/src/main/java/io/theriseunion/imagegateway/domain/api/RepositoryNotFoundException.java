package io.theriseunion.imagegateway.domain.api;

/** No live repository with this name (or identity). */
public class RepositoryNotFoundException extends GatewayException {

    public RepositoryNotFoundException(String namespace, String name) {
        super(ErrorCode.NOT_FOUND, "repository " + namespace + "/" + name + " not found");
    }
}
