package io.theriseunion.imagegateway.app.access;

/** What an operation needs. METRICS: scraping /actuator/prometheus, /actuator/metrics/** and health. */
public enum Permission {
    READ, WRITE, DELETE, MANAGE, AUDIT, METRICS
}
