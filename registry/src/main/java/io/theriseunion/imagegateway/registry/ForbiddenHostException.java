package io.theriseunion.imagegateway.registry;

import java.net.UnknownHostException;

/**
 * The network policy refused a connection. An {@link UnknownHostException} so that a {@link okhttp3.Dns} may throw
 * it and OkHttp passes it on like a failed lookup; {@link Failures} turns it into
 * {@link RegistryErrorCode#FORBIDDEN_HOST}.
 */
final class ForbiddenHostException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    private final String host;

    ForbiddenHostException(String host, String denial) {
        super(denial);
        this.host = host;
    }

    /** The host name or IP literal that was refused. */
    String host() {
        return host;
    }

    /** The refusal in {@code e}, its causes or what they suppressed (OkHttp keeps failed routes there), or null. */
    static ForbiddenHostException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ForbiddenHostException forbidden) {
                return forbidden;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof ForbiddenHostException forbidden) {
                    return forbidden;
                }
            }
        }
        return null;
    }
}
