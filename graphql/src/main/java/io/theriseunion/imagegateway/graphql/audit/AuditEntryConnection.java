package io.theriseunion.imagegateway.graphql.audit;

import io.theriseunion.imagegateway.graphql.paging.PageInfo;
import io.theriseunion.imagegateway.graphql.paging.Pages;
import io.theriseunion.imagegateway.projections.audit.AuditEntry;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A page of audit entries; total counts every entry the page's query matches (null when none can be counted),
 * read only when totalCount is selected; liveCursor is where the read stood in the log (null when not asked for).
 */
public record AuditEntryConnection(List<Edge> edges, PageInfo pageInfo, LongSupplier total, String liveCursor) {

    public record Edge(String cursor, AuditEntry node) {
    }

    /** The page from {@code limit + 1} fetched entries: the extra one only says there is a next page. */
    static AuditEntryConnection of(List<AuditEntry> fetched, int size, String after, LongSupplier total,
                                   String liveCursor) {
        List<Edge> edges = fetched.stream().limit(size).map(e -> new Edge(AuditCursor.encode(e.position()), e)).toList();
        return new AuditEntryConnection(edges, Pages.info(edges.stream().map(Edge::cursor).toList(),
                                                          fetched.size() > size, after), total, liveCursor);
    }
}
