package io.theriseunion.imagegateway.app.webhook;

import io.theriseunion.imagegateway.app.access.SecretHash;
import io.theriseunion.imagegateway.app.origin.OriginEvents;
import io.theriseunion.imagegateway.domain.api.RegistryWebhookSecretRotatedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * The per-source secret that authenticates a registry's webhook calls: {@code whs_} and 43 random characters,
 * shown once when rotated, stored as its {@link SecretHash}; rotating replaces the old one at once.
 */
@Component
public class RegistryWebhookSecrets {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final OriginEvents events;
    private final SecureRandom random = new SecureRandom();

    public RegistryWebhookSecrets(JdbcTemplate jdbc, TransactionTemplate transactions, OriginEvents events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    /** A new secret for the source; the previous one stops working. */
    public String rotate(String namespace, String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "whs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        transactions.executeWithoutResult(status -> {
            if (jdbc.update("update registry_webhook set secret_hash = ?, rotated_at = ? where namespace = ? and name = ?",
                            SecretHash.of(secret), now, namespace, name) == 0) {
                jdbc.update("insert into registry_webhook (namespace, name, secret_hash, rotated_at) values (?, ?, ?, ?)",
                            namespace, name, SecretHash.of(secret), now);
            }
            events.publish(new RegistryWebhookSecretRotatedEvent(namespace, name));
        });
        return secret;
    }

    /** Whether the secret is the source's current one (constant-time comparison of the hashes). */
    public boolean matches(String namespace, String name, String secret) {
        if (secret == null || secret.isEmpty()) {
            return false;
        }
        List<String> stored = jdbc.queryForList("select secret_hash from registry_webhook where namespace = ? and name = ?",
                                                String.class, namespace, name);
        return !stored.isEmpty() && SecretHash.matches(secret, stored.get(0));
    }
}
