package io.theriseunion.imagegateway.app.credentials;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gateway.credentials.*}: key (base64, 32 bytes; GATEWAY_CREDENTIALS_KEY), or key-file, generated on
 * first use when generate-key-file is true (the embedded default).
 */
@ConfigurationProperties("gateway.credentials")
public record CredentialProperties(String key, String keyFile, boolean generateKeyFile) {
}
