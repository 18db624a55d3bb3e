package io.theriseunion.imagegateway.domain.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

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

    /** A new identity, later ones sorting after earlier ones ({@link TimeOrderedIdentifiers}). */
    public static RepositoryId next() {
        return new RepositoryId(TimeOrderedIdentifiers.next());
    }

    @Override
    public String toString() {
        return value;
    }
}
