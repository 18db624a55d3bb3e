package io.theriseunion.imagegateway.projections;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Position in a list ordered by (namespace, name), such as repositories and registry sources: the page after
 * a cursor starts with the first item past that position, so scrolling neither skips nor repeats items while
 * others are added or deleted. Encoded as opaque base64url text.
 */
public record NameCursor(String namespace, String name) {

    private static final String PREFIX = "r1:";

    public String encode() {
        String raw = PREFIX + namespace + "/" + name;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor; null when the text is not one this catalogue wrote. */
    public static NameCursor decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                return null;
            }
            String position = raw.substring(PREFIX.length());
            int slash = position.indexOf('/');
            if (slash < 1 || slash == position.length() - 1) {
                return null;
            }
            return new NameCursor(position.substring(0, slash), position.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
