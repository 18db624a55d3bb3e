package io.theriseunion.imagegateway.graphql.error;

import io.theriseunion.imagegateway.app.web.ErrorBodies;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

import java.util.Map;

/**
 * The body of a 4xx/5xx outside GraphQL execution (a request that is not JSON, has no query, ...): a
 * message saying what was wrong, with an error code, and never a stack trace or a class name.
 */
@Component
public class RequestErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
        Throwable error = getError(request);
        int status = attributes.get("status") instanceof Integer s ? s : 500;
        attributes.putAll(ErrorBodies.of(status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST,
                                         message(error, status, String.valueOf(attributes.get("error")))));
        return attributes;
    }

    private static String message(Throwable error, int status, String reason) {
        if (error instanceof HttpMessageNotReadableException) {
            return "the request body is not a GraphQL request: send JSON such as"
                    + " {\"query\": \"{ repositories { totalCount } }\", \"variables\": {}}";
        }
        if (error instanceof ResponseStatusException e && e.getReason() != null && status < 500) {
            return e.getReason();
        }
        return status >= 500 ? "the gateway failed to handle this request; see the gateway log" : reason;
    }
}
