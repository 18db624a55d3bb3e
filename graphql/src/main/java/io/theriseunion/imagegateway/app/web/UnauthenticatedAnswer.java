package io.theriseunion.imagegateway.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * How an edge answers a request that the security filter turns away for want of valid credentials, in the
 * edge's own shape: each edge with one declares a bean for its paths (GraphQL an error in a 200 response, the REST
 * API a Kubernetes Status); every other path gets {@code {"code": "UNAUTHENTICATED", "message"}} with 401.
 */
public interface UnauthenticatedAnswer {

    boolean covers(HttpServletRequest request);

    /** Writes status and body; the {@code WWW-Authenticate} header is set already. */
    void write(HttpServletResponse response, String message) throws IOException;
}
