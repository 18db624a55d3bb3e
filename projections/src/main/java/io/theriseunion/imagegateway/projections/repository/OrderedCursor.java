package io.theriseunion.imagegateway.projections.repository;

import io.theriseunion.imagegateway.domain.api.SyncStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Position in a repository list sorted by a {@link RepositoryOrder}: the order itself, the sort value of the last
 * row shown (null for NAME, and for LAST_SYNCED when that row was never synced) and its namespace and name, so the
 * next page starts right after it. A cursor is valid only for the order that wrote it. Opaque base64url text.
 */
public record OrderedCursor(RepositoryOrder order, String value, String namespace, String name) {

    private static final String PREFIX = "o1:";
    private static final String NULL = "-";

    /** The cursor just after this row in a list sorted by the order. */
    public static OrderedCursor of(RepositoryOrder order, RepositoryView row) {
        String value = switch (order.field()) {
            case NAME -> null;
            case LAST_SYNCED -> row.lastSynced() == null ? null : row.lastSynced().toString();
            case SYNC_STATUS -> row.syncStatus().name();
            case CREATED -> row.createdAt().toString();
        };
        return new OrderedCursor(order, value, row.namespace(), row.name());
    }

    public String encode() {
        String raw = PREFIX + order.field() + "." + order.direction() + "/" + (value == null ? NULL : value) + "/"
                + namespace + "/" + name;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor; null when the text is not a cursor of a list sorted this way. */
    public static OrderedCursor decode(String text, RepositoryOrder order) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String head = PREFIX + order.field() + "." + order.direction() + "/";
            if (!raw.startsWith(head)) {
                return null;
            }
            String[] parts = raw.substring(head.length()).split("/", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                return null;
            }
            String value = NULL.equals(parts[0]) ? null : parts[0];
            if (value == null && order.field() != RepositoryOrderField.NAME
                    && order.field() != RepositoryOrderField.LAST_SYNCED) {
                return null;
            }
            if (value != null) {
                switch (order.field()) {
                    case NAME -> {
                        return null;
                    }
                    case LAST_SYNCED, CREATED -> Instant.parse(value);
                    case SYNC_STATUS -> SyncStatus.valueOf(value);
                }
            }
            return new OrderedCursor(order, value, parts[1], parts[2]);
        } catch (RuntimeException e) { // not base64, not an instant, not a status
            return null;
        }
    }
}
