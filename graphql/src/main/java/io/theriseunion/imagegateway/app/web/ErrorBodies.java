package io.theriseunion.imagegateway.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON error bodies of the HTTP endpoints that answer neither a GraphQL result nor a Kubernetes Status (the
 * security filter, the body limit, webhooks, the audit export, Spring's error page): {@code {"code", "message"}},
 * with {@code "field"} where one parameter is at fault; and the GraphQL response the security filter answers a
 * GraphQL request with. Every such body is built here.
 */
public final class ErrorBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {
    }

    /** {@code {"code": …, "message": …}}. */
    public static Map<String, Object> of(ErrorCode code, String message) {
        return of(code, null, message);
    }

    /** {@code {"code": …, "field": …, "message": …}}; without the field when it is null. */
    public static Map<String, Object> of(ErrorCode code, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.name());
        if (field != null) {
            body.put("field", field);
        }
        body.put("message", message);
        return body;
    }

    /** A GraphQL response with one error and no data: {@code {"errors": [{"message", "extensions": {"code"}}]}}. */
    public static Map<String, Object> graphQl(ErrorCode code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code.name()));
        return Map.of("errors", List.of(error));
    }

    /** The code's HTTP status with {@link #of(ErrorCode, String)}. */
    public static ResponseEntity<Map<String, Object>> answer(ErrorCode code, String message) {
        return status(code.httpStatus()).body(of(code, message));
    }

    /** A JSON answer of this status, for one of these bodies. */
    public static ResponseEntity.BodyBuilder status(int httpStatus) {
        return ResponseEntity.status(httpStatus).contentType(MediaType.APPLICATION_JSON);
    }

    /** Writes the code's HTTP status and {@link #of(ErrorCode, String)}, where no controller answers (filters). */
    public static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        write(response, code.httpStatus(), of(code, message));
    }

    /** Writes an error body (one of these, or an edge's own, such as a Kubernetes Status) with its status. */
    public static void write(HttpServletResponse response, int httpStatus, Object body) throws IOException {
        response.setStatus(httpStatus);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
