package io.theriseunion.imagegateway.graphql.audit;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.config.GatewayProperties;
import io.theriseunion.imagegateway.graphql.paging.Pages;
import io.theriseunion.imagegateway.projections.audit.AuditEntry;
import io.theriseunion.imagegateway.projections.audit.AuditLogFilter;
import io.theriseunion.imagegateway.projections.audit.AuditLogQueries;
import io.theriseunion.imagegateway.projections.repository.RepositoryView;
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
                                         @Argument String after, @ContextValue(required = false) Caller caller,
                                         DataFetchingFieldSelectionSet selection) {
        Set<String> auditable = access.auditable(caller, "auditLog");
        int size = Pages.size(first, 50, properties.maxPageSize());
        AuditLogFilter visible = AuditLogFilterInput.toFilter(filter).visibleIn(auditable);
        // the log's head before the page: whatever the page misses came after it, and auditLogAppended(after:) sends it
        String liveCursor = selection.contains("liveCursor") ? AuditCursor.encode(audit.headPosition()) : null;
        List<AuditEntry> fetched = audit.listNewestFirst(visible, AuditCursor.decode(after), size + 1);
        return AuditEntryConnection.of(fetched, size, after, () -> audit.count(visible), liveCursor);
    }

    /**
     * What changed, when and by whom, for whoever reads the repository; where a change came from (client
     * address, user agent, correlation id) only for AUDITORs of its namespace.
     */
    @SchemaMapping(typeName = "Repository")
    public AuditEntryConnection history(RepositoryView repository, @Argument Integer first, @Argument String after,
                                        @ContextValue(required = false) Caller caller) {
        int size = Pages.size(first, 50, properties.maxPageSize());
        List<AuditEntry> entries = audit.listOfTarget(repository.id(), AuditCursor.decode(after), size + 1);
        boolean auditor = caller != null && caller.can(Permission.AUDIT, repository.namespace());
        return AuditEntryConnection.of(auditor ? entries : entries.stream().map(AuditController::withoutOrigin).toList(),
                                       size, after, () -> audit.countOfTarget(repository.id()), null);
    }

    /** Counted only when selected: one count query over the same filter as the page. */
    @SchemaMapping(typeName = "AuditEntryConnection")
    public long totalCount(AuditEntryConnection connection) {
        return connection.total().getAsLong();
    }

    private static AuditEntry withoutOrigin(AuditEntry e) {
        return new AuditEntry(e.position(), e.id(), e.at(), e.actor(), e.action(), e.targetKind(), e.targetId(),
                              e.namespace(), e.targetName(), e.details(), null, null, null);
    }
}
