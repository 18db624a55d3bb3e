package io.theriseunion.imagegateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** The image index {@code GET /v2/<name>/referrers/<digest>} answers. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ReferrerIndex(List<Referrer> manifests) {
}
