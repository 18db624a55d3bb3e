package io.theriseunion.imagegateway.app.web;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Bounds every request body before anything parses it and before authentication: a declared Content-Length
 * over the path's limit is answered 413 without reading a byte; a body of unknown length (chunked) is read up
 * to the limit, and answered 413 as soon as it goes past it. GraphQL requests, the Kubernetes-style resources
 * and registry webhooks each have their own limit; everything else gets the smallest.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final RequestBodyLimits limits;

    public RequestBodyLimitFilter(RequestBodyLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        RequestBodyLimits.Limit limit = limits.forPath(request.getRequestURI().substring(request.getContextPath().length()));
        if (declared > limit.size().toBytes()) {
            tooLarge(response, limit);
            return;
        }
        if (!chunked) {
            // the container never reads past the declared length
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit.size().toBytes() + 1));
        if (body.length > limit.size().toBytes()) {
            tooLarge(response, limit);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private static void tooLarge(HttpServletResponse response, RequestBodyLimits.Limit limit) throws IOException {
        response.setHeader("Connection", "close");
        ErrorBodies.write(response, ErrorCode.REQUEST_TOO_LARGE, "the request body may have at most "
                + limit.size().toBytes() + " bytes here; the gateway's " + limit.setting() + " sets it");
    }

    /** The request with its body already read into memory (at most the limit). */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
