package io.theriseunion.imagegateway.app.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.app.origin.OriginEvents;
import io.theriseunion.imagegateway.domain.api.ApiTokenCreatedEvent;
import io.theriseunion.imagegateway.domain.api.ApiTokenRevokedEvent;
import io.theriseunion.imagegateway.domain.api.Dns1123Label;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens the gateway issues: {@code gw_} and 43 random base64url characters (256 bits). Only their
 * {@link SecretHash} is stored; creating and revoking are events, so the audit log has them and live
 * subscriptions of a revoked token end. A token past its {@code expiresAt} is refused exactly like a revoked one.
 * Role bindings are stored as a JSON array of {@code {namespace, role}}.
 */
@Component
public class ApiTokens {

    public static final String PREFIX = "gw_";
    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "name, bindings, roles, created_at, last_used_at, expires_at, created_by";

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

    /** Creates a token that never expires and returns its secret, which is not kept. */
    public String create(String name, List<RoleBinding> roles) {
        return create(name, roles, null, null);
    }

    /** Creates a token and returns its secret, which is not kept. expiresAt null: never. */
    public String create(String name, List<RoleBinding> roles, Instant expiresAt, String createdBy) {
        List<Violation> violations = new ArrayList<>();
        Dns1123Label.check(violations, "name", name);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        if (roles == null || roles.isEmpty()) {
            throw ValidationException.of("roles", "must name at least one role binding");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw ValidationException.of("expiresAt", "must be in the future, not " + expiresAt);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        List<String> texts = roles.stream().map(RoleBinding::text).toList();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.update("insert into api_token (name, secret_hash, bindings, created_at, expires_at, created_by)"
                                    + " values (?, ?, ?, ?, ?, ?)", name, SecretHash.of(secret), write(roles),
                            OffsetDateTime.now(ZoneOffset.UTC), utc(expiresAt), createdBy);
                events.publish(new ApiTokenCreatedEvent(name, texts, expiresAt));
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

    /** The token of that name unless revoked (expired ones too, so that they can be reviewed and revoked). */
    public Optional<ApiToken> find(String name) {
        return jdbc.query("select " + COLUMNS + " from api_token where name = ? and revoked_at is null",
                          (rs, i) -> token(rs), name).stream().findFirst();
    }

    public List<ApiToken> list() {
        return jdbc.query("select " + COLUMNS + " from api_token where revoked_at is null order by name",
                          (rs, i) -> token(rs));
    }

    /** The live (neither revoked nor expired) token with this secret, recording (to the minute) that it was used. */
    public Optional<ApiToken> verify(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiToken> token = jdbc.query(
                "select " + COLUMNS + " from api_token where secret_hash = ? and revoked_at is null"
                        + " and (expires_at is null or expires_at > ?)",
                (rs, i) -> token(rs), SecretHash.of(secret), OffsetDateTime.now(ZoneOffset.UTC)).stream().findFirst();
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
        String name = rs.getString(1);
        OffsetDateTime used = rs.getObject(5, OffsetDateTime.class);
        OffsetDateTime expires = rs.getObject(6, OffsetDateTime.class);
        String bindings = rs.getString(2);
        return new ApiToken(name, bindings != null ? read(bindings, name) : legacy(rs.getString(3), name),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), used == null ? null : used.toInstant(),
                            expires == null ? null : expires.toInstant(), rs.getString(7));
    }

    private static String write(List<RoleBinding> roles) {
        List<Map<String, String>> items = roles.stream().map(b -> {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("namespace", b.namespace());
            item.put("role", b.role().name());
            return item;
        }).toList();
        try {
            return JSON.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stored bindings; one that no longer parses (a role since removed) grants nothing. */
    private static List<RoleBinding> read(String json, String tokenName) {
        try {
            List<Map<String, String>> items = JSON.readValue(json, new TypeReference<>() { });
            return items.stream().map(item -> checked(() -> RoleBinding.of(item.get("namespace"), item.get("role"),
                                                                           "roles"), tokenName))
                        .filter(Objects::nonNull).toList();
        } catch (JsonProcessingException e) {
            log.warn("API token {} has unreadable role bindings; it grants nothing", tokenName);
            return List.of();
        }
    }

    /** Bindings stored comma-joined before V21, read strictly: an empty or invalid namespace grants nothing. */
    private static List<RoleBinding> legacy(String text, String tokenName) {
        return text == null ? List.of() : Arrays.stream(text.split(","))
                .map(item -> checked(() -> RoleBinding.parse(item.trim(), "roles"), tokenName)).filter(Objects::nonNull)
                .toList();
    }

    private static RoleBinding checked(java.util.function.Supplier<RoleBinding> binding, String tokenName) {
        try {
            return binding.get();
        } catch (ValidationException invalid) {
            log.warn("API token {} has an invalid role binding, ignored: {}", tokenName, invalid.getMessage());
            return null;
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** ALREADY_EXISTS on name. */
    static final class TokenNameTakenException extends GatewayException {
        TokenNameTakenException(String name) {
            super(ErrorCode.ALREADY_EXISTS, "an API token named \"" + name + "\" exists (names of revoked tokens are not"
                    + " reused)");
        }

        @Override
        public String field() {
            return "name";
        }
    }
}
