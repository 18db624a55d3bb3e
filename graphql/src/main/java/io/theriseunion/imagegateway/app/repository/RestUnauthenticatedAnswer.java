package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.app.access.UnauthenticatedException;
import io.theriseunion.imagegateway.app.web.ErrorBodies;
import io.theriseunion.imagegateway.app.web.UnauthenticatedAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

import java.io.IOException;

/** A REST request without a valid token: the Kubernetes Status of UNAUTHENTICATED, 401 Unauthorized. */
@Component
class RestUnauthenticatedAnswer implements UnauthenticatedAnswer {

    @Override
    public boolean covers(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/oapis/");
    }

    @Override
    public void write(HttpServletResponse response, String message) throws IOException {
        KubernetesStatus status = KubernetesStatus.of(new UnauthenticatedException(message), null);
        ErrorBodies.write(response, status.code(), status);
    }
}
