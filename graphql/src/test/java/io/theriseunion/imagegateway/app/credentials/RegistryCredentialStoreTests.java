package io.theriseunion.imagegateway.app.credentials;

import io.theriseunion.imagegateway.support.MigratedH2;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryCredentialStoreTests {

    private static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String KEY_B = "HxwdHhsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

    @TempDir
    Path dir;

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        JdbcDataSource ds = MigratedH2.inMemory();
        jdbc = new JdbcTemplate(ds);
    }

    private RegistryCredentialStore store(String key, Path keyFile, boolean generate) {
        return new RegistryCredentialStore(jdbc, new CredentialProperties(key, keyFile == null ? null : keyFile.toString(),
                                                                          generate));
    }

    @Test
    void secretsAreStoredEncryptedAndReadBack() {
        RegistryCredentialStore store = store(KEY_A, null, false);
        store.save("default", "harbor-prod", "token-123");
        byte[] stored = jdbc.queryForObject("select secret from registry_credential", byte[].class);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("token-123");
        assertThat(store.secret("default", "harbor-prod")).contains("token-123");
        assertThat(store.secret("default", "other")).isEmpty();
    }

    @Test
    void aSecretMovedToAnotherSourceDoesNotDecrypt() {
        RegistryCredentialStore store = store(KEY_A, null, false);
        store.save("default", "harbor-prod", "token-123");
        jdbc.update("update registry_credential set name = 'evil'");
        assertThatThrownBy(() -> store.secret("default", "evil"))
                .hasMessageContaining("stored with another key or has been altered")
                .hasMessageNotContaining("token-123");
    }

    @Test
    void startRefusesWhenSecretsExistButNoKeyOrAnotherKeyIsSet() {
        store(KEY_A, null, false).save("default", "harbor-prod", "token-123");
        assertThatThrownBy(() -> store(null, null, false))
                .hasMessageContaining("no key for them is configured: set GATEWAY_CREDENTIALS_KEY");
        assertThatThrownBy(() -> store(KEY_B, null, false))
                .hasMessageContaining("were stored with another key");
    }

    @Test
    void savingWithoutAKeyIsRefusedWithAnInstruction() {
        assertThatThrownBy(() -> store(null, null, false).save("default", "harbor-prod", "x"))
                .isInstanceOf(CredentialKeyMissingException.class)
                .hasMessageContaining("GATEWAY_CREDENTIALS_KEY");
    }

    @Test
    void theEmbeddedDefaultGeneratesAKeyFileReadableOnlyByItsOwnerAndReusesIt() throws Exception {
        Path keyFile = dir.resolve("data/credentials.key");
        store(null, keyFile, true).save("default", "harbor-prod", "token-123");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(store(null, keyFile, true).secret("default", "harbor-prod")).contains("token-123");
    }

    @Test
    void aMalformedKeyIsRefusedWithTheRule() {
        assertThatThrownBy(() -> store("c2hvcnQ=", null, false)).hasMessageContaining("must be 32 bytes");
    }
}
