package io.theriseunion.imagegateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A page of {@code GET /v2/_catalog} ({@code repositories}) or {@code GET /v2/<name>/tags/list} ({@code tags}). */
@JsonIgnoreProperties(ignoreUnknown = true)
record NameList(List<String> repositories, List<String> tags) {
}
