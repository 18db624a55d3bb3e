package io.theriseunion.imagegateway.graphql.error;

import io.theriseunion.imagegateway.app.web.ErrorBodies;
import io.theriseunion.imagegateway.app.web.UnauthenticatedAnswer;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

import java.io.IOException;

/** A GraphQL request with a bad token: a GraphQL response with one UNAUTHENTICATED error, over HTTP 200. */
@Component
class GraphQlUnauthenticatedAnswer implements UnauthenticatedAnswer {

    @Override
    public boolean covers(HttpServletRequest request) {
        return "/graphql".equals(request.getRequestURI());
    }

    @Override
    public void write(HttpServletResponse response, String message) throws IOException {
        ErrorBodies.write(response, HttpServletResponse.SC_OK, ErrorBodies.graphQl(ErrorCode.UNAUTHENTICATED, message));
    }
}
