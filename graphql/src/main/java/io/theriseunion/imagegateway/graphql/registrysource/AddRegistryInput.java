package io.theriseunion.imagegateway.graphql.registrysource;

import io.theriseunion.imagegateway.domain.api.AddRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;

public record AddRegistryInput(String namespace, String name, String url, Boolean insecure, String description,
                               String username, String password, String caCertificate, Integer concurrencyLimit,
                               Boolean shared) {

    AddRegistrySourceCommand toCommand() {
        return new AddRegistrySourceCommand(RegistrySourceId.of(namespace, name), namespace, name, url, insecure,
                                            description, username, false, caCertificate, concurrencyLimit, shared);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "AddRegistryInput[" + namespace + "/" + name + ", url=" + url + "]";
    }
}
