package io.theriseunion.imagegateway.bench;

import io.theriseunion.imagegateway.support.TestPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database of the sync benchmark, which it reads and writes while the gateway runs: a new database on the test
 * PostgreSQL when {@code GATEWAY_TEST_POSTGRES_URL} says where one is (as {@code scripts/test.sh} does), else the
 * embedded H2 file opened with {@code AUTO_SERVER=TRUE}, so that the benchmark can connect beside the gateway (H2
 * refuses that mode with {@code DB_CLOSE_ON_EXIT=FALSE}, which the gateway's default URL has; otherwise the same URL).
 */
final class SyncCheckDatabase {

    private final String url;
    private final String user;
    private final String password;
    private final Path data;

    private SyncCheckDatabase(String url, String user, String password, Path data) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.data = data;
    }

    static SyncCheckDatabase forRun(Path data) {
        String postgres = System.getenv("GATEWAY_TEST_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            String user = System.getenv().getOrDefault("GATEWAY_TEST_POSTGRES_USER", "postgres");
            String password = System.getenv().getOrDefault("GATEWAY_TEST_POSTGRES_PASSWORD", "");
            return new SyncCheckDatabase(TestPostgres.createDatabase("syncbench"), user, password, data);
        }
        return new SyncCheckDatabase("jdbc:h2:file:" + data.toAbsolutePath().resolve("gateway")
                                             + ";CACHE_SIZE=65536;WRITE_DELAY=0;MAX_LENGTH_INPLACE_LOB=16384;QUERY_CACHE_SIZE=128;AUTO_SERVER=TRUE",
                                     "sa", "", data);
    }

    boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    String describe() {
        return isPostgres() ? "PostgreSQL" : "H2 (embedded file, AUTO_SERVER)";
    }

    /** The gateway's arguments for this database. */
    List<String> gatewayArguments() {
        if (isPostgres()) {
            return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
                           "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                           "--gateway.credentials.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        }
        return List.of("--spring.datasource.url=" + url);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** What the tables hold: bytes of all (PostgreSQL: tables, indexes, TOAST; H2: the data file), events, audit. */
    record Sizes(long allBytes, long events, long eventBytes, long auditEntries, long auditBytes) {
    }

    Sizes sizes(Connection c) throws SQLException, IOException {
        long events = count(c, "select count(*) from DomainEventEntry");
        long audit = count(c, "select count(*) from audit_entry");
        if (!isPostgres()) {
            return new Sizes(Gateway.bytes(data), events, -1, audit, -1);
        }
        return new Sizes(count(c, "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c"
                                   + " join pg_namespace n on n.oid = c.relnamespace"
                                   + " where n.nspname = 'public' and c.relkind in ('r', 'm')"),
                         events, count(c, "select pg_total_relation_size('domainevententry')"),
                         audit, count(c, "select pg_total_relation_size('audit_entry')"));
    }

    /** Bytes of every table, index and TOAST table, by name (PostgreSQL only; empty on H2). */
    java.util.Map<String, Long> relations(Connection c) throws SQLException {
        java.util.Map<String, Long> sizes = new java.util.TreeMap<>();
        if (!isPostgres()) {
            return sizes;
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(t.relname || ' (TOAST)', c.relname), pg_relation_size(c.oid)"
                                                   + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                                                   + " left join pg_class t on t.reltoastrelid = c.oid"
                                                   + " where n.nspname in ('public', 'pg_toast')"
                                                   + " and c.relkind in ('r', 'i', 't')")) {
            while (rs.next()) {
                sizes.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
        }
        return sizes;
    }

    /** What autovacuum does within the hour between two real cycles (PostgreSQL only). */
    void vacuum(Connection c) throws SQLException {
        if (isPostgres()) {
            try (Statement s = c.createStatement()) {
                s.execute("vacuum");
            }
        }
    }

    /** Rewrites every table and index of the database without free space (PostgreSQL; nothing on H2). */
    void vacuumFull(Connection c) throws SQLException {
        if (isPostgres()) {
            try (Statement s = c.createStatement()) {
                s.execute("vacuum full");
            }
        }
    }

    /**
     * CPU seconds (user + system) of the PostgreSQL backends serving this database (the gateway's pooled connections
     * and the benchmark's own), from /proc: each backend's title names its database. Background processes (WAL
     * writer, checkpointer, autovacuum) are not counted. 0 on H2, whose work is in the gateway's own process.
     */
    double backendCpuSeconds() throws IOException {
        if (!isPostgres()) {
            return 0;
        }
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        long ticks = 0;
        try (java.util.stream.Stream<Path> procs = java.nio.file.Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String title = new String(java.nio.file.Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    if (!title.startsWith("postgres: ") || !title.contains(" " + database + " ")) {
                        continue;
                    }
                    String stat = java.nio.file.Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks / 100.0; // USER_HZ, 100 on Linux
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
