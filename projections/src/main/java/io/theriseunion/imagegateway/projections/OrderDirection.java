package io.theriseunion.imagegateway.projections;

/** Which way a list runs: ASC from the smallest key, DESC from the largest (ties reversed as well). */
public enum OrderDirection {
    ASC, DESC
}
