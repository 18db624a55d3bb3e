package io.theriseunion.imagegateway.domain.api;

/**
 * What an operator configures for a registry source, except its secret. caCertificate is a PEM bundle
 * trusted for this source's TLS; concurrencyLimit bounds the syncs that run against it at once.
 */
public record RegistrySourceSettings(String url, boolean insecure, String description, String username,
                                     String caCertificate, int concurrencyLimit) {
}
