package io.theriseunion.imagegateway.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first way in. With {@code GATEWAY_ADMIN_TOKEN} set, that token is the cluster admin. Without it, and when
 * {@code gateway.security.generate-admin-token} is on (the embedded default), the first start creates an API
 * token "admin" bound to ADMIN and AUDITOR in every namespace and prints its secret once; only its hash is kept.
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
        String secret = tokens.create(NAME, BearerAuthentication.CLUSTER_ADMIN);
        // printed once, on purpose: this is how the operator learns it; only its hash is stored
        System.out.println();
        System.out.println("Generated the cluster-admin API token \"admin\" (shown only now; set GATEWAY_ADMIN_TOKEN to"
                                   + " choose your own):");
        System.out.println("    " + secret);
        System.out.println();
    }
}
