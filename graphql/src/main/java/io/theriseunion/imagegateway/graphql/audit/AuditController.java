package io.theriseunion.imagegateway.graphql.audit;

import io.theriseunion.imagegateway.config.GatewayProperties;
import io.theriseunion.imagegateway.graphql.paging.Pages;
import io.theriseunion.imagegateway.projections.audit.AuditEntry;
import io.theriseunion.imagegateway.projections.audit.AuditLogQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** {@code auditLog} and {@code Repository.history}. */
@Controller
public class AuditController {

    private final AuditLogQueries audit;
    private final GatewayProperties properties;

    public AuditController(AuditLogQueries audit, GatewayProperties properties) {
        this.audit = audit;
        this.properties = properties;
    }

    @QueryMapping
    public AuditEntryConnection auditLog(@Argument AuditLogFilterInput filter, @Argument Integer first,
                                         @Argument String after) {
        int size = Pages.size(first, 50, properties.maxPageSize());
        List<AuditEntry> fetched = audit.newestFirst(AuditLogFilterInput.toFilter(filter), AuditCursor.decode(after),
                                                     size + 1);
        return AuditEntryConnection.of(fetched, size, after);
    }

    @SchemaMapping(typeName = "Repository")
    public AuditEntryConnection history(RepositoryView repository, @Argument Integer first, @Argument String after) {
        int size = Pages.size(first, 50, properties.maxPageSize());
        return AuditEntryConnection.of(audit.ofTarget(repository.id(), AuditCursor.decode(after), size + 1), size, after);
    }
}
