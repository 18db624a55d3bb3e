package io.theriseunion.imagegateway.graphql.repository;

import io.theriseunion.imagegateway.app.repository.ApplyOutcome;
import io.theriseunion.imagegateway.app.repository.RepositoryResource;
import io.theriseunion.imagegateway.app.repository.ResourceFields;
import io.theriseunion.imagegateway.domain.api.GatewayException;

/** One document of an apply: error fields are paths in the document (spec.tag). */
public record ApplyItem(int index, String kind, String namespace, String name, ApplyOutcome.Result outcome,
                        boolean ok, ItemError error) {

    static ApplyItem of(ApplyOutcome o) {
        GatewayException e = o.error();
        String field = e == null ? null
                : RepositoryResource.KIND.equals(o.kind()) ? ResourceFields.path(e.field()) : e.field();
        return new ApplyItem(o.index(), o.kind(), o.namespace(), o.name(), o.result(), o.ok(),
                             e == null ? null : ItemError.of(e, field));
    }
}
