package io.theriseunion.imagegateway.app.credentials;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Registry passwords and tokens, encrypted, in {@code registry_credential}: outside the event store, so
 * that no event, projection or audit entry ever holds one. Refuses to start when secrets are stored but the
 * key to read them is missing or another one.
 */
@Component
@EnableConfigurationProperties(CredentialProperties.class)
public class RegistryCredentialStore {

    private final JdbcTemplate jdbc;
    private final CredentialCipher cipher;

    public RegistryCredentialStore(JdbcTemplate jdbc, CredentialProperties properties) {
        this.jdbc = jdbc;
        Optional<SecretKey> key = CredentialKeys.resolve(properties.key(),
                                                         blank(properties.keyFile()) ? null : Path.of(properties.keyFile()),
                                                         properties.generateKeyFile());
        this.cipher = key.map(CredentialCipher::new).orElse(null);
        checkStoredSecretsCanBeRead();
    }

    /** Stores (or replaces) the secret of a registry source; call inside the transaction of its command. */
    public void save(String namespace, String name, String secret) {
        if (cipher == null) {
            throw new CredentialKeyMissingException();
        }
        byte[] sealed = cipher.encrypt(secret, namespace + "/" + name);
        jdbc.update("delete from registry_credential where namespace = ? and name = ?", namespace, name);
        jdbc.update("insert into registry_credential (namespace, name, secret, key_id, updated_at) values (?, ?, ?, ?, ?)",
                    namespace, name, sealed, cipher.keyId(), OffsetDateTime.now(ZoneOffset.UTC));
    }

    /**
     * Forgets every secret of a removed source: its credentials and its webhook secret's hash, so that a source
     * created later under the same name (perhaps by another admin) does not accept the old webhook secret.
     */
    public void remove(String namespace, String name) {
        jdbc.update("delete from registry_credential where namespace = ? and name = ?", namespace, name);
        jdbc.update("delete from registry_webhook where namespace = ? and name = ?", namespace, name);
    }

    /** The secret of a registry source, decrypted; empty when it has none. */
    public Optional<String> secret(String namespace, String name) {
        List<byte[]> rows = jdbc.query("select secret from registry_credential where namespace = ? and name = ?",
                                       (rs, i) -> rs.getBytes(1), namespace, name);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (cipher == null) {
            throw new CredentialKeyMissingException();
        }
        return Optional.of(cipher.decrypt(rows.get(0), namespace + "/" + name));
    }

    private void checkStoredSecretsCanBeRead() {
        List<String> keyIds = jdbc.queryForList("select distinct key_id from registry_credential", String.class);
        if (keyIds.isEmpty()) {
            return;
        }
        if (cipher == null) {
            throw new IllegalStateException("Registry credentials are stored in the database, but no key for them is"
                    + " configured: set GATEWAY_CREDENTIALS_KEY (gateway.credentials.key) or"
                    + " gateway.credentials.key-file to the key they were stored with.");
        }
        List<String> foreign = keyIds.stream().filter(id -> !id.equals(cipher.keyId())).toList();
        if (!foreign.isEmpty()) {
            throw new IllegalStateException("Registry credentials in the database were stored with another key ("
                    + String.join(", ", foreign) + ") than the configured one (" + cipher.keyId() + "): configure"
                    + " the key they were stored with.");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
