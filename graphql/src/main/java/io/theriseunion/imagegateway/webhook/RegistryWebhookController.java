package io.theriseunion.imagegateway.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.domain.api.AccessDeniedEvent;
import io.theriseunion.imagegateway.origin.OriginEvents;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /webhooks/registry/{namespace}/{registryName}}: a registry's push notifications (CNCF distribution
 * envelopes or Harbor {@code PUSH_ARTIFACT}), authenticated by the source's webhook secret in
 * {@code Authorization: Bearer <secret>}. Accepted with 202; a wrong or missing secret is 401 and audited.
 */
@RestController
public class RegistryWebhookController {

    private final RegistryWebhookSecrets secrets;
    private final RegistryWebhookReceiver receiver;
    private final ObjectMapper json;
    private final OriginEvents events;

    public RegistryWebhookController(RegistryWebhookSecrets secrets, RegistryWebhookReceiver receiver, ObjectMapper json,
                                     OriginEvents events) {
        this.secrets = secrets;
        this.receiver = receiver;
        this.json = json;
        this.events = events;
    }

    @PostMapping(path = "/webhooks/registry/{namespace}/{registryName}", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<Map<String, Object>> receive(@PathVariable String namespace, @PathVariable String registryName,
                                                       @RequestHeader(value = "Authorization", required = false)
                                                       String authorization,
                                                       @RequestBody(required = false) byte[] body) {
        String secret = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (!secrets.matches(namespace, registryName, secret)) {
            events.publish(new AccessDeniedEvent("registryWebhook", "REGISTRY", namespace, registryName, "webhook secret"));
            return answer(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "this webhook needs the registry source's webhook"
                    + " secret as Authorization: Bearer <secret> (rotateRegistryWebhookSecret issues one)");
        }
        List<PushedImage> pushes;
        try {
            pushes = RegistryNotifications.pushes(json, body == null ? new byte[0] : body);
        } catch (IllegalArgumentException e) {
            return answer(HttpStatus.BAD_REQUEST, "BAD_REQUEST", e.getMessage());
        }
        int syncs = receiver.receive(namespace, registryName, pushes);
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("pushes", pushes.size());
        accepted.put("syncsRequested", syncs);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
