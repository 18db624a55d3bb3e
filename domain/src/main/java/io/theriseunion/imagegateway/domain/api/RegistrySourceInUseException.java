package io.theriseunion.imagegateway.domain.api;

/** A registry source cannot be removed while repositories use it. */
public class RegistrySourceInUseException extends GatewayException {

    public RegistrySourceInUseException(String namespace, String name, long repositories) {
        super(ErrorCode.IN_USE, "registry source " + namespace + "/" + name + " is used by " + repositories
                + (repositories == 1 ? " repository" : " repositories") + "; delete or re-create them first");
    }
}
