package io.theriseunion.imagegateway.domain.api;

/** No registry source with this namespace and name. */
public class RegistrySourceNotFoundException extends GatewayException {

    public RegistrySourceNotFoundException(String namespace, String name) {
        super(ErrorCode.NOT_FOUND, "registry source " + namespace + "/" + name + " not found");
    }
}
