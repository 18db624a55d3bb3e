package io.theriseunion.imagegateway.domain.api;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * An add restates an existing repository (an apply) but differs in a field that cannot change after the add
 * (registry, repository path, tag, sync settings): CONFLICT, one violation per such field.
 */
public class RepositoryDefinitionConflictException extends GatewayException {

    private final String namespace;
    private final String name;
    private final List<Violation> differences;

    public RepositoryDefinitionConflictException(String namespace, String name, List<Violation> differences) {
        super(ErrorCode.CONFLICT, "repository " + namespace + "/" + name + " exists with other values in fields that"
                + " cannot change (" + differences.stream().map(Violation::field).collect(Collectors.joining(", "))
                + "); delete it and apply again to replace it");
        this.namespace = namespace;
        this.name = name;
        this.differences = List.copyOf(differences);
    }

    /** The same refusal with its fields named otherwise (an edge's paths, such as spec.tag for tag). */
    public RepositoryDefinitionConflictException withFields(UnaryOperator<String> rename) {
        return new RepositoryDefinitionConflictException(namespace, name, differences.stream()
                .map(v -> new Violation(rename.apply(v.field()), v.message())).toList());
    }

    public List<Violation> violations() {
        return differences;
    }

    @Override
    public String field() {
        return differences.get(0).field();
    }
}
