package io.theriseunion.imagegateway.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code gateway.*}.
 *
 * @param maxPageSize     largest {@code first} a list accepts
 * @param maxBatchSize    most items a batch mutation accepts
 * @param readYourWrites  how long a mutation waits for the catalogue to show its change
 * @param batchParallelism how many items of batch mutations are dispatched at once, over all requests
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(Integer maxPageSize, Integer maxBatchSize, Duration readYourWrites,
                                Integer batchParallelism) {

    public GatewayProperties {
        maxPageSize = maxPageSize == null ? 200 : maxPageSize;
        maxBatchSize = maxBatchSize == null ? 500 : maxBatchSize;
        readYourWrites = readYourWrites == null ? Duration.ofSeconds(10) : readYourWrites;
        batchParallelism = batchParallelism == null ? 4 : batchParallelism;
    }
}
