package io.theriseunion.imagegateway.app.origin;

import io.theriseunion.imagegateway.domain.api.RequestOrigin;

import java.util.concurrent.Callable;

/**
 * The origin of the request this thread works for. Set by {@link RequestOriginFilter} for HTTP requests (GraphQL
 * queries and mutations run on the request's thread), carried into batch workers by {@link #wrap}.
 */
public final class CurrentOrigin {

    private static final ThreadLocal<RequestOrigin> CURRENT = new ThreadLocal<>();

    private CurrentOrigin() {
    }

    public static RequestOrigin get() {
        return CURRENT.get();
    }

    static void set(RequestOrigin origin) {
        if (origin == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(origin);
        }
    }

    /** The task, run with this thread's origin wherever it runs. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        RequestOrigin origin = CURRENT.get();
        return () -> {
            RequestOrigin before = CURRENT.get();
            set(origin);
            try {
                return task.call();
            } finally {
                set(before);
            }
        };
    }
}
