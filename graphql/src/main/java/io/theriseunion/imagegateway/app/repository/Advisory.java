package io.theriseunion.imagegateway.app.repository;

/** One piece of advice about a repository (the GraphQL type Advisory). */
public record Advisory(Code code, String message, Severity severity) {

    /** The document's best practices; see advisories.graphqls for each rule. */
    public enum Code {
        MUTABLE_TAG, STALE, UNSIGNED
    }

    public enum Severity {
        WARNING, INFO
    }
}
