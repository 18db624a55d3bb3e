package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.util.Map;

/**
 * Every failure under {@code /oapis/} answers a Kubernetes Status: a refusal of the gateway with its code, a
 * request Spring MVC cannot route (unknown path 404, wrong method 405, ...) with that code, anything else 500.
 */
@Component
public class RestExceptionResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RestExceptionResolver.class);

    private final ObjectMapper json;

    public RestExceptionResolver(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // before Spring MVC's own resolvers
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception failure) {
        if (!request.getRequestURI().startsWith("/oapis/")) {
            return null;
        }
        KubernetesStatus status = status(request, failure);
        if (response.isCommitted()) {
            log.warn("{} {} failed after its answer began: {}", request.getMethod(), request.getRequestURI(),
                     status.message());
            return new ModelAndView();
        }
        try {
            response.resetBuffer(); // keeps the headers set so far (X-Correlation-ID)
            response.setStatus(status.code());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), status);
        } catch (IOException e) {
            log.debug("Status answer not written: {}", e.getMessage());
        }
        return new ModelAndView();
    }

    private static KubernetesStatus status(HttpServletRequest request, Exception failure) {
        GatewayException refusal = GatewayException.findIn(failure).orElse(null);
        if (refusal != null) {
            return KubernetesStatus.of(refusal, pathName(request));
        }
        if (failure instanceof ErrorResponse answer && answer.getStatusCode().is4xxClientError()) {
            int code = answer.getStatusCode().value();
            String message = code == 404 ? "no such endpoint: " + request.getMethod() + " " + request.getRequestURI()
                    : answer.getBody().getDetail();
            return KubernetesStatus.failure(code, reason(code), message, null, null);
        }
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), failure);
        return KubernetesStatus.failure(500, "InternalError", "the gateway failed to handle this request; see the"
                + " gateway log", null, null);
    }

    private static String pathName(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("name") instanceof String name ? name : null;
    }

    private static String reason(int code) {
        return switch (code) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            default -> "BadRequest";
        };
    }
}
