package io.theriseunion.imagegateway.domain.api;

/**
 * A caller was refused an operation (FORBIDDEN), or a webhook call was refused. Not part of any aggregate's
 * stream: published to the event store so that the audit log, which is built from events, records refusals too.
 * Every field may come from an untrusted caller, so each is cut to what the audit log holds (also when an old
 * event is read back).
 *
 * @param operation  the GraphQL operation or endpoint, e.g. {@code deleteRepository}
 * @param targetKind REPOSITORY, REGISTRY or API_TOKEN
 * @param required   the role the operation needs in that namespace (or what was missing, e.g. "webhook secret")
 * @param count      how many refusals this one event stands for (repeated webhook refusals are folded); null: one
 */
public record AccessDeniedEvent(String operation, String targetKind, String namespace, String targetName,
                                String required, Integer count) {

    public static final int MAX_OPERATION = 64;
    public static final int MAX_NAMESPACE = 63;
    public static final int MAX_TARGET_NAME = Dns1123Subdomain.MAX_LENGTH;
    public static final int MAX_REQUIRED = 64;

    public AccessDeniedEvent {
        operation = BoundedText.clip(operation, MAX_OPERATION);
        targetKind = switch (targetKind == null ? "" : targetKind) {
            case "REGISTRY", "API_TOKEN" -> targetKind;
            default -> "REPOSITORY";
        };
        namespace = BoundedText.clip(namespace, MAX_NAMESPACE);
        targetName = BoundedText.clip(targetName, MAX_TARGET_NAME);
        required = BoundedText.clip(required, MAX_REQUIRED);
    }

    public AccessDeniedEvent(String operation, String targetKind, String namespace, String targetName,
                             String required) {
        this(operation, targetKind, namespace, targetName, required, null);
    }
}
