package io.theriseunion.imagegateway.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real PostgreSQL the tests run against, started by the README's test command ({@code scripts/test.sh}),
 * which says where it is in {@code GATEWAY_TEST_POSTGRES_URL} (a JDBC URL of a database the user may create
 * databases from), {@code GATEWAY_TEST_POSTGRES_USER} and {@code GATEWAY_TEST_POSTGRES_PASSWORD}. Each test
 * class gets a new, empty database.
 */
public final class TestPostgres {

    private static final String HOW = "PostgreSQL tests need a running PostgreSQL server. Run the README's test"
            + " command (bash scripts/test.sh): it installs Debian's postgresql package when missing and starts a"
            + " private server. Or point GATEWAY_TEST_POSTGRES_URL (e.g. jdbc:postgresql://127.0.0.1:5432/postgres),"
            + " GATEWAY_TEST_POSTGRES_USER and GATEWAY_TEST_POSTGRES_PASSWORD at a server where that user may create"
            + " databases.";

    private TestPostgres() {
    }

    /** Creates a fresh database named after the test and points the datasource at it. */
    public static void register(DynamicPropertyRegistry registry, String purpose) {
        String url = createDatabase(purpose);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestPostgres::user);
        registry.add("spring.datasource.password", TestPostgres::password);
    }

    public static String createDatabase(String purpose) {
        String adminUrl = System.getenv("GATEWAY_TEST_POSTGRES_URL");
        if (adminUrl == null || adminUrl.isBlank()) {
            throw new IllegalStateException("GATEWAY_TEST_POSTGRES_URL is not set. " + HOW);
        }
        String database = "gw_" + purpose.replaceAll("[^a-z0-9]", "_") + "_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(adminUrl, user(), password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + adminUrl + ": " + e.getMessage()
                                                    + ". " + HOW, e);
        }
        int slash = adminUrl.lastIndexOf('/');
        String tail = adminUrl.substring(slash + 1);
        int query = tail.indexOf('?');
        return adminUrl.substring(0, slash + 1) + database + (query >= 0 ? tail.substring(query) : "");
    }

    private static String user() {
        String user = System.getenv("GATEWAY_TEST_POSTGRES_USER");
        return user == null ? "postgres" : user;
    }

    private static String password() {
        String password = System.getenv("GATEWAY_TEST_POSTGRES_PASSWORD");
        return password == null ? "" : password;
    }
}
