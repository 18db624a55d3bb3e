package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body of a POST: JSON ({@code application/json}) holds one resource; YAML ({@code application/yaml},
 * {@code application/x-yaml}, {@code text/yaml}) one or several {@code ---}-separated ones. Read as UTF-8, at
 * most {@link ResourceYaml#MAX_BYTES}.
 */
record ResourceBody(List<ParsedDocument> documents) {

    private static final List<MediaType> YAML = List.of(MediaType.parseMediaType("application/yaml"),
                                                        MediaType.parseMediaType("application/x-yaml"),
                                                        MediaType.parseMediaType("text/yaml"));

    static ResourceBody read(HttpServletRequest request) throws IOException {
        boolean json = isJson(request.getContentType());
        String text = text(request.getInputStream());
        return new ResourceBody(json ? List.of(ResourceYaml.parseJson(text)) : ResourceYaml.parseYaml(text));
    }

    /** True for JSON, false for YAML; 415 for anything else. */
    private static boolean isJson(String header) {
        MediaType type;
        try {
            type = header == null ? null : MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type != null
                && (type.isCompatibleWith(MediaType.APPLICATION_JSON) || "json".equals(type.getSubtypeSuffix()))) {
            return true;
        }
        if (type != null && YAML.stream().anyMatch(type::isCompatibleWith)) {
            return false;
        }
        throw new UnsupportedBodyException(header);
    }

    private static String text(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(ResourceYaml.MAX_BYTES + 1);
        if (bytes.length > ResourceYaml.MAX_BYTES) {
            throw new BodyTooLargeException();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** 415: a body that is neither JSON nor YAML. */
    static final class UnsupportedBodyException extends GatewayException {
        UnsupportedBodyException(String header) {
            super(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + (header == null ? "is missing"
                    : "\"" + header + "\" is not supported") + "; send application/json (one resource) or"
                    + " application/yaml (one or more, --- between them; also application/x-yaml, text/yaml)");
        }
    }

    /** 413: more than MAX_BYTES. */
    static final class BodyTooLargeException extends GatewayException {
        BodyTooLargeException() {
            super(ErrorCode.REQUEST_TOO_LARGE, "the body is larger than " + ResourceYaml.MAX_BYTES
                    + " bytes; split it into several requests");
        }
    }
}
