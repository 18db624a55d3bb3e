package io.theriseunion.imagegateway.domain.api;

/**
 * A caller was refused an operation (FORBIDDEN). Not part of any aggregate's stream: published to the event store
 * so that the audit log, which is built from events, records refusals too.
 *
 * @param operation  the GraphQL operation or endpoint, e.g. {@code deleteRepository}
 * @param targetKind REPOSITORY, REGISTRY or API_TOKEN
 * @param required   the role the operation needs in that namespace
 */
public record AccessDeniedEvent(String operation, String targetKind, String namespace, String targetName,
                                String required) {
}
