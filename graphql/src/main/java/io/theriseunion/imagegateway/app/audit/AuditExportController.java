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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /audit/export?actor=&namespace=&targetKind=&targetName=&actions=&from=&to=} (GraphQL's
 * {@code AuditLogFilter} as query parameters, see {@link AuditExportParameters}): the matching audit entries in the
 * namespaces the caller may audit, oldest first, as NDJSON (one JSON object a line). Read from the database in
 * chunks and written as they come, so memory stays flat for any size.
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
    public void export(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditLogFilter asked = AuditExportParameters.filter(request.getParameterMap());
        Caller caller = SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication c
                ? c.caller() : null;
        Set<String> auditable = access.auditable(caller, "auditExport");
        AuditLogFilter filter = asked.visibleIn(auditable);
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

    /** A parameter GraphQL's AuditLogFilter would refuse too: 400, naming it. */
    @ExceptionHandler(AuditExportParameters.BadParameter.class)
    ResponseEntity<Map<String, Object>> badParameter(AuditExportParameters.BadParameter e) {
        return ErrorBodies.status(HttpStatus.BAD_REQUEST.value())
                          .body(ErrorBodies.of(ErrorCode.VALIDATION_FAILED, e.field(), e.getMessage()));
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
}
