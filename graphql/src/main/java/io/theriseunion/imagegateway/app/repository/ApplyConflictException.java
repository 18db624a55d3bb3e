package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.domain.api.Violation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An applied document names an existing repository but differs in a field that cannot change (registry,
 * repository path, tag, sync settings): CONFLICT, one violation per such field, and nothing of the item applied.
 */
public class ApplyConflictException extends GatewayException implements FieldCauses {

    private final List<Violation> differences;

    public ApplyConflictException(String namespace, String name, List<Violation> differences) {
        super(ErrorCode.CONFLICT, "repository " + namespace + "/" + name + " exists with other values in fields that"
                + " cannot change (" + differences.stream().map(Violation::field).collect(Collectors.joining(", "))
                + "); delete it and apply again to replace it");
        this.differences = List.copyOf(differences);
    }

    @Override
    public List<Violation> violations() {
        return differences;
    }

    @Override
    public String field() {
        return differences.get(0).field();
    }
}
