package io.theriseunion.imagegateway.registry;

import java.util.Locale;
import java.util.Set;

/**
 * Docker Hub's naming rules: the names people use for it are served by one API host, and a repository
 * without a namespace lives under {@code library/}.
 */
public final class DockerHub {

    /** The host that serves Docker Hub's distribution API. */
    public static final String API_HOST = "registry-1.docker.io";

    private static final Set<String> HOSTS = Set.of("docker.io", "index.docker.io", API_HOST);

    private DockerHub() {
    }

    /** Whether {@code host} names Docker Hub. */
    public static boolean isDockerHub(String host) {
        return host != null && HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }

    /** The API host for {@code host}: {@link #API_HOST} for Docker Hub's aliases, otherwise {@code host} itself. */
    public static String apiHost(String host) {
        return isDockerHub(host) ? API_HOST : host;
    }

    /** {@code nginx} becomes {@code library/nginx}; a path with a namespace stays as it is. */
    public static String repositoryPath(String path) {
        return path.contains("/") ? path : "library/" + path;
    }
}
