package io.theriseunion.imagegateway.registry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one ObjectMapper: lenient about unknown fields, strict about syntax. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    private Json() {
    }

    /** Reads {@code bytes} as {@code type}; malformed or truncated JSON is an INVALID_MANIFEST failure. */
    static <T> T read(byte[] bytes, Class<T> type, String what) {
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new RegistryException(RegistryErrorCode.INVALID_MANIFEST, what + " is JSON null");
            }
            return value;
        } catch (JacksonException e) {
            throw new RegistryException(RegistryErrorCode.INVALID_MANIFEST,
                    what + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (java.io.IOException e) {
            throw new RegistryException(RegistryErrorCode.INVALID_MANIFEST, what + " could not be read", e);
        }
    }
}
