package io.theriseunion.imagegateway.domain.api;

/**
 * What an operator configures for a registry source, except its secret. caCertificate is a PEM bundle
 * trusted for this source's TLS; concurrencyLimit bounds the syncs that run against it at once; shared lets
 * repositories of other namespaces use the source (and its credentials) without a role in its namespace. Events
 * stored before {@code shared} existed read as not shared.
 */
public record RegistrySourceSettings(String url, boolean insecure, String description, String username,
                                     String caCertificate, int concurrencyLimit, boolean shared) {

    /** Settings of a source that is not shared. */
    public RegistrySourceSettings(String url, boolean insecure, String description, String username,
                                  String caCertificate, int concurrencyLimit) {
        this(url, insecure, description, username, caCertificate, concurrencyLimit, false);
    }
}
