package io.theriseunion.imagegateway.graphql.registrysource;

import io.theriseunion.imagegateway.domain.api.RegistrySourceId;
import io.theriseunion.imagegateway.domain.api.UpdateRegistrySourceCommand;

public record UpdateRegistryInput(String namespace, String name, String url, Boolean insecure, String description,
                                  String username, String password, String caCertificate, Integer concurrencyLimit,
                                  Boolean shared) {

    /** The command, saying whether the password changes (null leaves it, "" removes it); the password goes beside it. */
    UpdateRegistrySourceCommand toCommand() {
        boolean passwordChanged = password != null;
        return new UpdateRegistrySourceCommand(RegistrySourceId.of(namespace, name), url, insecure, description,
                                               username, passwordChanged, passwordChanged && !password.isEmpty(),
                                               caCertificate, concurrencyLimit, shared);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "UpdateRegistryInput[" + namespace + "/" + name + "]";
    }
}
