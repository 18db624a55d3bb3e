package io.theriseunion.imagegateway.projections;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

/** A fresh in-memory H2 with the gateway's schema, migrated by Flyway as the application does. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static JdbcTemplate migrated() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();
        return new JdbcTemplate(ds);
    }
}
