package io.theriseunion.imagegateway.domain.api;

/** A registry source with this namespace and name exists already. */
public class RegistrySourceAlreadyExistsException extends GatewayException {

    public RegistrySourceAlreadyExistsException(String namespace, String name) {
        super(ErrorCode.ALREADY_EXISTS, "registry source " + namespace + "/" + name + " already exists");
    }

    @Override
    public String field() {
        return "name";
    }
}
