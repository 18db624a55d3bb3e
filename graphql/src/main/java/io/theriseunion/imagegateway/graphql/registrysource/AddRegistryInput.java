package io.theriseunion.imagegateway.graphql.registrysource;

import io.theriseunion.imagegateway.domain.api.AddRegistrySourceCommand;
import io.theriseunion.imagegateway.domain.api.RegistrySourceId;

public record AddRegistryInput(String namespace, String name, String url, Boolean insecure, String description,
                               String username, String password, String caCertificate, Integer concurrencyLimit,
                               Boolean shared) {

    /** The command, saying whether a password is given (null or "" means none); the password goes beside it. */
    AddRegistrySourceCommand toCommand() {
        boolean hasPassword = password != null && !password.isEmpty();
        return new AddRegistrySourceCommand(RegistrySourceId.of(namespace, name), namespace, name, url, insecure,
                                            description, username, hasPassword, caCertificate, concurrencyLimit,
                                            shared);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "AddRegistryInput[" + namespace + "/" + name + ", url=" + url + "]";
    }
}
