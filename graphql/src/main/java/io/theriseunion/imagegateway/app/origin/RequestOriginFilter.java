package io.theriseunion.imagegateway.app.origin;

import io.theriseunion.imagegateway.domain.api.RequestOrigin;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Records who sent each HTTP request and from where, for the audit log: the authenticated caller (or
 * "anonymous"), the client address ({@link ClientAddress}: X-Forwarded-For only from trusted proxies), the user agent, and a correlation id — the client's
 * {@code X-Correlation-ID} when it is a plain token, else a new one — echoed in the response.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 10) // after authentication, so that the caller is known
public class RequestOriginFilter extends OncePerRequestFilter {

    public static final String CORRELATION_HEADER = "X-Correlation-ID";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_USER_AGENT = 256;

    private final ClientAddress clientAddress;

    public RequestOriginFilter(@org.springframework.beans.factory.annotation.Value(
            "${gateway.security.trusted-proxies:}") String[] trustedProxies) {
        this.clientAddress = new ClientAddress(java.util.Arrays.stream(trustedProxies).map(String::trim)
                                                             .filter(p -> !p.isEmpty()).toList());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(CORRELATION_HEADER);
        String correlationId = given != null && TOKEN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        response.setHeader(CORRELATION_HEADER, correlationId);
        RequestOrigin before = CurrentOrigin.get();
        CurrentOrigin.set(new RequestOrigin(actor(request), clientAddress.of(request), agent, correlationId));
        try {
            chain.doFilter(request, response);
        } finally {
            CurrentOrigin.set(before);
        }
    }

    private static String actor(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
    }
}
