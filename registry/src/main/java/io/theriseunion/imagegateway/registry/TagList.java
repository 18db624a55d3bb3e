package io.theriseunion.imagegateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A page of {@code GET /v2/<name>/tags/list}. {@code tags} is null for a repository without tags. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TagList(String name, List<String> tags) {
}
