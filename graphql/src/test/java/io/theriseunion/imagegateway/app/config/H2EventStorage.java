package io.theriseunion.imagegateway.app.config;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/** The gateway's JDBC event storage (its reads, JSON serialisation) over a database and its transactions. */
final class H2EventStorage {

    private H2EventStorage() {
    }

    static JdbcEventStorageEngine over(DataSource ds, PlatformTransactionManager transactions) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return EventStoreConfiguration.withGatewayReads(JdbcEventStorageEngine.builder())
                                      .connectionProvider(new SpringDataSourceConnectionProvider(ds))
                                      .transactionManager(new SpringTransactionManager(transactions))
                                      .snapshotSerializer(serializer)
                                      .eventSerializer(serializer)
                                      .schema(new EventSchema())
                                      .build();
    }
}
