package io.theriseunion.imagegateway.access;

import io.theriseunion.imagegateway.domain.api.ApiTokenCreatedEvent;
import io.theriseunion.imagegateway.domain.api.ApiTokenRevokedEvent;
import io.theriseunion.imagegateway.domain.api.Dns1123Label;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.origin.OriginEvents;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens the gateway issues: {@code gw_} and 43 random base64url characters (256 bits). Only their
 * {@link SecretHash} is stored; creating and revoking are events, so the audit log has
 * them and live subscriptions of a revoked token end.
 */
@Component
public class ApiTokens {

    public static final String PREFIX = "gw_";
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final OriginEvents events;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> lastUseRecorded = new ConcurrentHashMap<>();

    public ApiTokens(JdbcTemplate jdbc, TransactionTemplate transactions, OriginEvents events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    /** Creates a token and returns its secret, which is not kept. */
    public String create(String name, List<RoleBinding> roles) {
        List<io.theriseunion.imagegateway.domain.api.Violation> violations = new java.util.ArrayList<>();
        Dns1123Label.check(violations, "name", name);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        if (roles == null || roles.isEmpty()) {
            throw ValidationException.of("roles", "must name at least one role binding");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        List<String> texts = roles.stream().map(RoleBinding::text).toList();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.update("insert into api_token (name, secret_hash, roles, created_at) values (?, ?, ?, ?)", name,
                            SecretHash.of(secret), String.join(",", texts), OffsetDateTime.now(ZoneOffset.UTC));
                events.publish(new ApiTokenCreatedEvent(name, texts));
            });
        } catch (DuplicateKeyException taken) {
            throw new TokenNameTakenException(name);
        }
        return secret;
    }

    /** Revokes the token; false when there is no live token of that name. */
    public boolean revoke(String name) {
        Boolean revoked = transactions.execute(status -> {
            int rows = jdbc.update("update api_token set revoked_at = ? where name = ? and revoked_at is null",
                                   OffsetDateTime.now(ZoneOffset.UTC), name);
            if (rows > 0) {
                events.publish(new ApiTokenRevokedEvent(name));
            }
            return rows > 0;
        });
        return Boolean.TRUE.equals(revoked);
    }

    public Optional<ApiToken> find(String name) {
        return jdbc.query("select name, roles, created_at, last_used_at from api_token where name = ? and revoked_at is null",
                          (rs, i) -> token(rs), name).stream().findFirst();
    }

    public List<ApiToken> list() {
        return jdbc.query("select name, roles, created_at, last_used_at from api_token where revoked_at is null"
                                  + " order by name", (rs, i) -> token(rs));
    }

    /** The live token with this secret, recording (to the minute) that it was used. */
    public Optional<ApiToken> verify(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiToken> token = jdbc.query(
                "select name, roles, created_at, last_used_at from api_token where secret_hash = ? and revoked_at is null",
                (rs, i) -> token(rs), SecretHash.of(secret)).stream().findFirst();
        token.ifPresent(this::recordUse);
        return token;
    }

    public boolean exists(String name) {
        Integer n = jdbc.queryForObject("select count(*) from api_token where name = ?", Integer.class, name);
        return n != null && n > 0;
    }

    private void recordUse(ApiToken token) {
        Instant now = Instant.now();
        Instant last = lastUseRecorded.get(token.name());
        if (last == null || last.plus(LAST_USED_PRECISION).isBefore(now)) {
            lastUseRecorded.put(token.name(), now);
            jdbc.update("update api_token set last_used_at = ? where name = ?", OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                        token.name());
        }
    }

    private static ApiToken token(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime used = rs.getObject(4, OffsetDateTime.class);
        return new ApiToken(rs.getString(1), Arrays.stream(rs.getString(2).split(",")).map(RoleBinding::parse).toList(),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), used == null ? null : used.toInstant());
    }

    /** ALREADY_EXISTS on name. */
    static final class TokenNameTakenException extends GatewayException {
        TokenNameTakenException(String name) {
            super("ALREADY_EXISTS", "an API token named \"" + name + "\" exists (names of revoked tokens are not reused)");
        }

        @Override
        public String field() {
            return "name";
        }
    }
}
