package io.theriseunion.imagegateway.graphql.audit;

import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.graphql.paging.Pages;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Position in the audit log (an event's place in the store), as opaque base64url text. */
public final class AuditCursor {

    private static final String PREFIX = "a1:";

    private AuditCursor() {
    }

    public static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding()
                     .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    /** auditLogAppended's after: the position, or null; VALIDATION_FAILED (naming liveCursor) on other text. */
    public static Long decodeLive(String after) {
        try {
            return decode(after);
        } catch (ValidationException notOurs) {
            throw ValidationException.of("after", "is not a liveCursor of this log; pass the liveCursor of an auditLog read"
                    + " of the same filter");
        }
    }

    /** The position, or null for the first page; VALIDATION_FAILED on text this log did not write. */
    public static Long decode(String after) {
        if (after == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            if (raw.startsWith(PREFIX)) {
                return Long.parseLong(raw.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException notOurs) {
            // falls through
        }
        throw Pages.invalidCursor();
    }
}
