package io.theriseunion.imagegateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The registry's error document, {@code {"errors":[{"code":"MANIFEST_UNKNOWN",...}]}}. Only the codes are
 * kept: messages and details are the registry's free text and stay out of ours.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ErrorBody(List<Entry> errors) {

    private static final Pattern CODE = Pattern.compile("[A-Z_]{1,40}");

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String code) {
    }

    /** The error codes in {@code body}; none when it is not such a document. */
    static List<String> codes(byte[] body) {
        if (body == null || body.length == 0) {
            return List.of();
        }
        try {
            ErrorBody parsed = Json.read(body, ErrorBody.class, "error body");
            return parsed.errors() == null ? List.of() : parsed.errors().stream()
                    .filter(Objects::nonNull)
                    .map(Entry::code)
                    .filter(code -> code != null && CODE.matcher(code).matches())
                    .distinct()
                    .toList();
        } catch (RegistryException e) {
            return List.of();
        }
    }
}
