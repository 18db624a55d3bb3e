package io.theriseunion.imagegateway.app.live;

import io.theriseunion.imagegateway.projections.audit.AuditEntry;
import io.theriseunion.imagegateway.projections.audit.AuditLogFilter;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last audit entries this node told its subscribers, newest last. The stored audit log follows the events by
 * a moment (its projection gathers them), so an entry told just before a subscription began may not be stored yet
 * when the subscription reads what it missed: it is found here. Not thread-safe: {@link LiveUpdates} holds the
 * audit sink's lock around every use.
 */
final class RecentAuditEntries {

    private final int capacity;
    private final ArrayDeque<AuditEntry> entries;

    RecentAuditEntries(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    void add(AuditEntry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** The kept entries of the filter newer than the position, oldest first. */
    List<AuditEntry> after(long position, AuditLogFilter filter) {
        return entries.stream().filter(e -> e.position() > position && filter.matches(e)).toList();
    }
}
