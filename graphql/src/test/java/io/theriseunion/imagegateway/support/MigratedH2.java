package io.theriseunion.imagegateway.support;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

/** A new in-memory H2 database with every migration of the gateway's embedded default applied. */
public final class MigratedH2 {

    private MigratedH2() {
    }

    public static JdbcDataSource inMemory() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();
        return ds;
    }
}
