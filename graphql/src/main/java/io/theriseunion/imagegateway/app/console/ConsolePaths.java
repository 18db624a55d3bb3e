package io.theriseunion.imagegateway.app.console;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/**
 * Which requests are the console's: a GET or HEAD of any path outside the API's ({@code /graphiql} is the
 * console's GraphQL explorer; {@code /console/config.json} its settings, answered by the access package). The console is a single-page
 * application, so every such path (/, /repositories/default/nginx, /assets/index-….js) answers a built file or
 * index.html, and none needs a token: the files hold no data, and the API they call stays protected.
 */
public final class ConsolePaths {

    /** Paths the API, the operations endpoints and the webhooks answer, and everything under them. */
    static final List<String> API_PATHS = List.of("/graphql", "/oapis", "/actuator", "/webhooks", "/error");
    /** Paths under which only the API answers, though the path itself is a screen ({@code /audit}, the audit log). */
    static final List<String> API_BELOW = List.of("/audit/");

    private ConsolePaths() {
    }

    public static boolean isConsoleRequest(HttpServletRequest request) {
        String method = request.getMethod();
        return ("GET".equals(method) || "HEAD".equals(method)) && isConsolePath(pathOf(request));
    }

    static boolean isConsolePath(String path) {
        return API_PATHS.stream().noneMatch(api -> path.equals(api) || path.startsWith(api + "/"))
                && API_BELOW.stream().noneMatch(path::startsWith);
    }

    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context.isEmpty() ? uri : uri.substring(context.length());
    }
}
