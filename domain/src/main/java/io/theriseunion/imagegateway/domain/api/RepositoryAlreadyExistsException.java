package io.theriseunion.imagegateway.domain.api;

/** A live repository already holds this (namespace, name). */
public class RepositoryAlreadyExistsException extends GatewayException {

    public RepositoryAlreadyExistsException(String namespace, String name) {
        super(ErrorCode.ALREADY_EXISTS, "repository " + namespace + "/" + name + " already exists");
    }

    @Override
    public String field() {
        return "name";
    }
}
