package io.theriseunion.imagegateway.access;

/** What an operation needs. */
public enum Permission {
    READ, WRITE, DELETE, MANAGE, AUDIT
}
