package io.theriseunion.imagegateway.registry;

import okhttp3.OkHttpClient;

import java.security.GeneralSecurityException;

import static io.theriseunion.imagegateway.registry.RegistryErrorCode.TLS;

/**
 * The OkHttpClient for an endpoint: the shared one, or for an endpoint with its own CA bundle a client derived
 * from it (same connection pool and dispatcher, same network policy: Dns, socket factory and interceptor) that
 * trusts only that bundle.
 */
final class EndpointClients {

    private final OkHttpClient shared;
    private final BoundedCache<String, OkHttpClient> byCaBundle;

    EndpointClients(OkHttpClient shared, int capacity) {
        this.shared = shared;
        this.byCaBundle = new BoundedCache<>(capacity);
    }

    OkHttpClient shared() {
        return shared;
    }

    OkHttpClient forEndpoint(RegistryEndpoint endpoint) {
        String pem = endpoint.caCertificatePem();
        if (pem == null) {
            return shared;
        }
        OkHttpClient client = byCaBundle.get(pem);
        if (client == null) {
            client = derive(endpoint, pem);
            byCaBundle.put(pem, client);
        }
        return client;
    }

    private OkHttpClient derive(RegistryEndpoint endpoint, String pem) {
        try {
            TrustedCertificates trusted = TrustedCertificates.fromPem(pem);
            return shared.newBuilder()
                    .sslSocketFactory(trusted.sslContext().getSocketFactory(), trusted.trustManager())
                    .build();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new RegistryException(TLS, "the CA certificate bundle of registry " + endpoint.authority()
                    + " could not be read: " + e.getMessage(), e);
        }
    }
}
