package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.RepositoryDefinitionConflictException;
import io.theriseunion.imagegateway.domain.api.ValidationException;
import io.theriseunion.imagegateway.domain.api.Violation;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Kubernetes {@code Status} ({@code apiVersion: v1}): the body of every REST error and of a delete. A refusal
 * of the gateway becomes the Status of its HTTP code and Kubernetes reason, with one cause per field at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KubernetesStatus(String apiVersion, String kind, Map<String, Object> metadata, String status,
                               String message, String reason, Details details, int code) {

    /** retryAfterSeconds: nothing was stored, and the same request may be sent again after that many seconds. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Details(String name, String group, String kind, String uid, List<Cause> causes,
                          Long retryAfterSeconds) {
    }

    /** reason: FieldValueRequired, FieldValueInvalid or FieldValueDuplicate; field: a resource path or a parameter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cause(String reason, String message, String field) {
    }

    public static KubernetesStatus success(String name, String uid) {
        return new KubernetesStatus("v1", "Status", Map.of(), "Success", null, null,
                                    new Details(name, RepositoryResource.GROUP, RepositoryResource.PLURAL, uid, null,
                                                null),
                                    200);
    }

    public static KubernetesStatus failure(int code, String reason, String message, String name, List<Cause> causes) {
        return failure(code, reason, message, name, causes, null);
    }

    private static KubernetesStatus failure(int code, String reason, String message, String name, List<Cause> causes,
                                            Duration retryAfter) {
        return new KubernetesStatus("v1", "Status", Map.of(), "Failure", message, reason,
                                    new Details(name, RepositoryResource.GROUP, RepositoryResource.PLURAL, null,
                                                causes, retryAfter == null ? null : retryAfter.toSeconds()),
                                    code);
    }

    /**
     * The Status as an HTTP answer with its code, and {@code Retry-After} when the request may be sent again (a
     * client-go client, kubectl among them, then sends it again by itself).
     */
    public ResponseEntity<KubernetesStatus> toResponse() {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON);
        if (details != null && details.retryAfterSeconds() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(details.retryAfterSeconds()));
        }
        return answer.body(this);
    }

    /**
     * The Status of a refusal about the repository {@code name} (null when the request names none): the HTTP code
     * and reason of its {@link ErrorCode}, and the fields at fault as causes.
     */
    public static KubernetesStatus of(GatewayException refusal, String name) {
        GatewayException e = ResourceFields.translate(refusal);
        if (e instanceof MalformedDocumentException malformed) {
            return failure(400, "BadRequest", malformed.getMessage(), name, causes(malformed.violations()));
        }
        ErrorCode code = e.errorCode();
        String message = code == ErrorCode.VALIDATION_FAILED ? invalid(name, (ValidationException) e) : e.getMessage();
        List<Cause> causes = switch (code) {
            case VALIDATION_FAILED -> causes(((ValidationException) e).violations());
            case ALREADY_EXISTS -> duplicate(e);
            case BAD_REQUEST, CONFIRMATION_MISMATCH, CONFLICT, IN_USE -> causes(e);
            default -> null;
        };
        return failure(code.httpStatus(), code.kubernetesReason(), message, name, causes, e.retryAfter());
    }

    private static String invalid(String name, ValidationException e) {
        return RepositoryResource.KIND + (name == null ? "" : " \"" + name + "\"") + " is invalid: " + e.getMessage();
    }

    private static List<Cause> causes(GatewayException e) {
        if (e instanceof FieldCauses withFields) {
            return causes(withFields.violations());
        }
        if (e instanceof RepositoryDefinitionConflictException conflict) {
            return causes(conflict.violations());
        }
        return e.field() == null ? null : List.of(new Cause("FieldValueInvalid", e.getMessage(),
                                                            ResourceFields.path(e.field())));
    }

    private static List<Cause> duplicate(GatewayException e) {
        return e.field() == null ? null : List.of(new Cause("FieldValueDuplicate", e.getMessage(),
                                                            ResourceFields.path(e.field())));
    }

    private static List<Cause> causes(List<Violation> violations) {
        return violations.stream()
                         .map(v -> new Cause("is required".equals(v.message()) ? "FieldValueRequired"
                                                     : "FieldValueInvalid", v.message(), v.field()))
                         .collect(Collectors.toList());
    }
}
