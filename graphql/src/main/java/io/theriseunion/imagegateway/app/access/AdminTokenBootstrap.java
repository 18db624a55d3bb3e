package io.theriseunion.imagegateway.app.access;

import io.theriseunion.imagegateway.app.credentials.OwnerOnlyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The first way in. With {@code GATEWAY_ADMIN_TOKEN} set, that token is the cluster admin. Without it, and when
 * {@code gateway.security.generate-admin-token} is on (the embedded default), the first start creates an API
 * token "admin" bound to ADMIN and AUDITOR in every namespace and writes its secret to
 * {@code gateway.security.admin-token-file}, a new file only its owner can read; the log names the file, never the
 * secret, and only the secret's hash is kept.
 */
@Component
public class AdminTokenBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);
    static final String NAME = "admin";

    private final ApiTokens tokens;
    private final SecurityProperties properties;

    public AdminTokenBootstrap(ApiTokens tokens, SecurityProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ensureAWayIn() {
        if (properties.adminToken() != null && !properties.adminToken().isBlank()) {
            return;
        }
        if (!properties.generateAdminToken()) {
            if (tokens.list().isEmpty()) {
                log.warn("No GATEWAY_ADMIN_TOKEN is set and no API token exists: only JWTs of the configured OIDC"
                                 + " provider (gateway.security.jwt) can call the gateway");
            }
            return;
        }
        if (tokens.exists(NAME)) {
            return;
        }
        Path file = properties.adminTokenPath().toAbsolutePath();
        // the file first: a token whose secret could not be kept would lock the operator out
        String secret;
        try {
            Files.createDirectories(file.getParent());
            OwnerOnlyFile.create(file, new byte[0]);
            try {
                secret = tokens.create(NAME, BearerAuthentication.CLUSTER_ADMIN);
            } catch (RuntimeException notCreated) {
                Files.deleteIfExists(file);
                throw notCreated;
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("The admin token file " + file + " exists but the token \"admin\" does not:"
                    + " remove the stale file (gateway.security.admin-token-file) and start again");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the admin token file " + file
                    + " (gateway.security.admin-token-file)", e);
        }
        log.warn("Generated the cluster-admin API token \"admin\"; its secret is in {} (readable by this user only)."
                         + " Read it, keep it elsewhere, and delete the file; or set GATEWAY_ADMIN_TOKEN instead", file);
    }
}
