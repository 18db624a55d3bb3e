package io.theriseunion.imagegateway.domain.api;

/** One broken input rule: the field (as named in the API) and a sentence saying the rule. */
public record Violation(String field, String message) {
}
