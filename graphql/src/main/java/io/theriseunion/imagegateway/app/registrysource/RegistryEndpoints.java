package io.theriseunion.imagegateway.app.registrysource;

import io.theriseunion.imagegateway.app.credentials.RegistryCredentialStore;
import io.theriseunion.imagegateway.projections.registry.RegistryView;
import io.theriseunion.imagegateway.registry.RegistryCredentials;
import io.theriseunion.imagegateway.registry.RegistryEndpoint;
import org.springframework.stereotype.Component;

import java.net.URI;

/** Turns a registry source and its stored secret into what the registry client connects to. */
@Component
public class RegistryEndpoints {

    private final RegistryCredentialStore credentials;

    public RegistryEndpoints(RegistryCredentialStore credentials) {
        this.credentials = credentials;
    }

    public RegistryEndpoint of(RegistryView source) {
        String secret = credentials.secret(source.namespace(), source.name()).orElse(null);
        RegistryCredentials creds = source.username() == null && secret == null ? null
                : new RegistryCredentials(source.username() == null ? "" : source.username(), secret == null ? "" : secret);
        return new RegistryEndpoint(URI.create(source.url()), source.insecure(), creds, source.caCertificate());
    }
}
