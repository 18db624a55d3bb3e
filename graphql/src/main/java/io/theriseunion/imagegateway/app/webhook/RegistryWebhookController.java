package io.theriseunion.imagegateway.app.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.app.web.ErrorBodies;
import io.theriseunion.imagegateway.app.web.RequestBodyLimits;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /webhooks/registry/{namespace}/{registryName}}: a registry's push notifications (CNCF distribution
 * envelopes or Harbor {@code PUSH_ARTIFACT}), authenticated by the source's webhook secret in
 * {@code Authorization: Bearer <secret>}. Accepted with 202. The path is checked first: a namespace or source that
 * is not a DNS-1123 label or does not exist is 404 and nothing is stored; then the secret, before the body is
 * read: a wrong or missing one is 401, audited (folded per interval, see {@link WebhookRefusals}); the body is
 * read last, up to {@code gateway.limits.webhook-body}.
 */
@RestController
public class RegistryWebhookController {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final RegistryWebhookSecrets secrets;
    private final RegistryWebhookReceiver receiver;
    private final RegistryCatalogueQueries registries;
    private final WebhookRefusals refusals;
    private final ObjectMapper json;
    private final int maxBodyBytes;

    public RegistryWebhookController(RegistryWebhookSecrets secrets, RegistryWebhookReceiver receiver,
                                     RegistryCatalogueQueries registries, WebhookRefusals refusals, ObjectMapper json,
                                     RequestBodyLimits limits) {
        this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE - 8, limits.webhookBody().toBytes());
        this.secrets = secrets;
        this.receiver = receiver;
        this.registries = registries;
        this.refusals = refusals;
        this.json = json;
    }

    @PostMapping(path = "/webhooks/registry/{namespace}/{registryName}", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Map<String, Object>> receive(@PathVariable String namespace, @PathVariable String registryName,
                                                       @RequestHeader(value = "Authorization", required = false)
                                                       String authorization,
                                                       HttpServletRequest request) throws IOException {
        if (!LABEL.matcher(namespace).matches() || !LABEL.matcher(registryName).matches()
                || registries.find(namespace, registryName).isEmpty()) {
            return ErrorBodies.answer(ErrorCode.NOT_FOUND, "no registry source " + shown(namespace) + "/"
                    + shown(registryName) + " receives webhooks here");
        }
        String secret = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (!secrets.matches(namespace, registryName, secret)) {
            Instant waitUntil = refusals.refuse(namespace, registryName);
            if (waitUntil != null) {
                long seconds = Math.max(1, Duration.between(Instant.now(), waitUntil).toSeconds());
                return ErrorBodies.status(ErrorCode.RATE_LIMITED.httpStatus())
                                  .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                                  .body(ErrorBodies.of(ErrorCode.RATE_LIMITED, "too many refused webhook calls for"
                                          + " this registry source; retry after " + seconds + " s with the right secret"));
            }
            return ErrorBodies.answer(ErrorCode.UNAUTHENTICATED, "this webhook needs the registry source's webhook"
                    + " secret as Authorization: Bearer <secret> (rotateRegistryWebhookSecret issues one)");
        }
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            return ErrorBodies.answer(ErrorCode.REQUEST_TOO_LARGE, "a webhook body may have at most "
                    + maxBodyBytes + " bytes; the gateway's gateway.limits.webhook-body sets it");
        }
        List<PushedImage> pushes;
        try {
            pushes = RegistryNotifications.pushes(json, body);
        } catch (IllegalArgumentException e) {
            return ErrorBodies.answer(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        int syncs = receiver.receive(namespace, registryName, pushes);
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("pushes", pushes.size());
        accepted.put("syncsRequested", syncs);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
    }

    /** A path segment quoted back to an unauthenticated caller: short, and only when it is a label. */
    private static String shown(String segment) {
        return LABEL.matcher(segment).matches() ? segment : "(invalid name)";
    }
}
