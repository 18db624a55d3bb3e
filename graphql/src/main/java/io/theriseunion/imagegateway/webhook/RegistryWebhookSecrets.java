package io.theriseunion.imagegateway.webhook;

import io.theriseunion.imagegateway.domain.api.RegistryWebhookSecretRotatedEvent;
import io.theriseunion.imagegateway.origin.CurrentOrigin;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The per-source secret that authenticates a registry's webhook calls: {@code whs_} and 43 random characters,
 * shown once when rotated, stored as its SHA-256; rotating replaces the old one at once.
 */
@Component
public class RegistryWebhookSecrets {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventGateway events;
    private final SecureRandom random = new SecureRandom();

    public RegistryWebhookSecrets(JdbcTemplate jdbc, TransactionTemplate transactions, EventGateway events) {
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
                            hash(secret), now, namespace, name) == 0) {
                jdbc.update("insert into registry_webhook (namespace, name, secret_hash, rotated_at) values (?, ?, ?, ?)",
                            namespace, name, hash(secret), now);
            }
            var origin = CurrentOrigin.get();
            events.publish(GenericEventMessage.asEventMessage(new RegistryWebhookSecretRotatedEvent(namespace, name))
                                              .andMetaData(origin == null ? Map.of() : origin.asMetaData()));
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
        return !stored.isEmpty() && MessageDigest.isEqual(stored.get(0).trim().getBytes(StandardCharsets.US_ASCII),
                                                          hash(secret).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
