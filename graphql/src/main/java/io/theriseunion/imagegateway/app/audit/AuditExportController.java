package io.theriseunion.imagegateway.app.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.CallerAuthentication;
import io.theriseunion.imagegateway.app.web.ErrorBodies;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.projections.audit.AuditLogFilter;
import io.theriseunion.imagegateway.projections.audit.AuditLogQueries;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /audit/export?from=&to=&namespace=}: the matching audit entries, oldest first, as NDJSON (one JSON
 * object a line). Read from the database in chunks and written as they come, so memory stays flat for any size.
 */
@RestController
public class AuditExportController {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final int CHUNK = 1_000;

    private final AuditLogQueries audit;
    private final ObjectMapper json;
    private final Access access;

    public AuditExportController(AuditLogQueries audit, ObjectMapper json, Access access) {
        this.access = access;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping(path = "/audit/export")
    public void export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(required = false) String namespace, HttpServletResponse response)
            throws IOException {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        Caller caller = SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication c
                ? c.caller() : null;
        Set<String> auditable = access.auditable(caller, "auditExport");
        AuditLogFilter filter = new AuditLogFilter(null, blankToNull(namespace), null, null, null, start, end)
                .visibleIn(auditable);
        // written on the request's own thread, as it is read: no asynchronous request timeout cuts a long export
        response.setContentType(NDJSON.toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.ndjson\"");
        write(filter, response.getOutputStream());
    }

    /** The caller's refusal: UNAUTHENTICATED (401) or FORBIDDEN (403), the only ones an export meets. */
    @ExceptionHandler(GatewayException.class)
    ResponseEntity<Map<String, Object>> refused(GatewayException e) {
        return ErrorBodies.answer(e.errorCode(), e.getMessage());
    }

    /** A query parameter that does not parse: 400, as for any request that cannot be read. */
    @ExceptionHandler(BadParameter.class)
    ResponseEntity<Map<String, Object>> badParameter(BadParameter e) {
        return ErrorBodies.status(HttpStatus.BAD_REQUEST.value())
                          .body(ErrorBodies.of(ErrorCode.VALIDATION_FAILED, e.field, e.getMessage()));
    }

    private static final class BadParameter extends RuntimeException {
        private final String field;

        BadParameter(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private void write(AuditLogFilter filter, OutputStream out) throws IOException {
        ObjectWriter writer = json.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        try (JsonGenerator lines = json.getFactory().createGenerator(out)) {
            lines.setRootValueSeparator(null);
            try {
                audit.export(filter, CHUNK, entry -> {
                    try {
                        writer.writeValue(lines, entry);
                        lines.writeRaw('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadParameter(field, field + " must be an RFC 3339 date-time in UTC, e.g. 2024-01-08T08:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
