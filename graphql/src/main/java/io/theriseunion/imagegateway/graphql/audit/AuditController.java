package io.theriseunion.imagegateway.graphql.audit;

import io.theriseunion.imagegateway.config.GatewayProperties;
import io.theriseunion.imagegateway.graphql.paging.Pages;
import io.theriseunion.imagegateway.projections.audit.AuditEntry;
import io.theriseunion.imagegateway.projections.audit.AuditLogQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import io.theriseunion.imagegateway.access.Access;
import io.theriseunion.imagegateway.access.Caller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Set;

/** {@code auditLog} and {@code Repository.history}. */
@Controller
public class AuditController {

    private final AuditLogQueries audit;
    private final GatewayProperties properties;
    private final Access access;

    public AuditController(AuditLogQueries audit, GatewayProperties properties, Access access) {
        this.access = access;
        this.audit = audit;
        this.properties = properties;
    }

    @QueryMapping
    public AuditEntryConnection auditLog(@Argument AuditLogFilterInput filter, @Argument Integer first,
                                         @Argument String after, @ContextValue(required = false) Caller caller) {
        Set<String> auditable = access.auditable(caller, "auditLog");
        int size = Pages.size(first, 50, properties.maxPageSize());
        List<AuditEntry> fetched = audit.newestFirst(AuditLogFilterInput.toFilter(filter).visibleIn(auditable),
                                                     AuditCursor.decode(after), size + 1);
        return AuditEntryConnection.of(fetched, size, after);
    }

    @SchemaMapping(typeName = "Repository")
    public AuditEntryConnection history(RepositoryView repository, @Argument Integer first, @Argument String after) {
        int size = Pages.size(first, 50, properties.maxPageSize());
        return AuditEntryConnection.of(audit.ofTarget(repository.id(), AuditCursor.decode(after), size + 1), size, after);
    }
}
