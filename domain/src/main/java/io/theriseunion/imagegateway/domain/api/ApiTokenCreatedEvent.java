package io.theriseunion.imagegateway.domain.api;

import java.util.List;

/** An API token was created. Its secret is never in an event: only its name and role bindings. */
public record ApiTokenCreatedEvent(String name, List<String> roles) {
}
