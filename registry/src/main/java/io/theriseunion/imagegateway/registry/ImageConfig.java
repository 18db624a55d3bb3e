package io.theriseunion.imagegateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The fields we read of an image config blob. {@code created} is RFC 3339 text, unreadable means unknown. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ImageConfig(String architecture, String os, String variant, String created) {

    /** For a config that is not an image config (an artifact): nothing known. */
    static final ImageConfig NONE = new ImageConfig(null, null, null, null);

    Instant createdAt() {
        if (created == null || created.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(created);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
