package io.theriseunion.imagegateway.app.config;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * What only one process may do follows the datasource, not a profile's name: on any database that other nodes can
 * share (everything but an embedded H2 file or in-memory database), no aggregate cache (another node's events
 * would be missed), no generated admin token and no generated credential key file (every node needs the same,
 * given from outside). Set whatever the configuration says, so a shared PostgreSQL without the {@code postgres}
 * profile is safe too.
 */
public class SharedDatabaseSafety implements EnvironmentPostProcessor {

    static final String SOURCE = "sharedDatabaseSafety";

    private final Log log;

    public SharedDatabaseSafety(DeferredLogFactory logs) {
        this.log = logs.getLog(SharedDatabaseSafety.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (embedded(url)) {
            return;
        }
        log.info("Datasource " + url.replaceAll("//[^/@]*@", "//") + " may be shared by several nodes: no aggregate"
                         + " cache, no generated admin token or credential key file");
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, Map.of(
                "gateway.aggregate-cache", "false",
                "gateway.security.generate-admin-token", "false",
                "gateway.credentials.generate-key-file", "false",
                "gateway.credentials.key-file", "")));
    }

    /** An H2 database inside this process (a file or memory), which no other node can open. */
    static boolean embedded(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }
}
