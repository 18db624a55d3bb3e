package io.theriseunion.imagegateway.domain.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/**
 * Identity of an image repository, independent of its (namespace, name) so that a name can be reused after
 * the repository that held it was deleted.
 */
public record RepositoryId(@JsonValue String value) {

    public RepositoryId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static RepositoryId of(String value) {
        return new RepositoryId(value);
    }

    public static RepositoryId random() {
        return new RepositoryId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
