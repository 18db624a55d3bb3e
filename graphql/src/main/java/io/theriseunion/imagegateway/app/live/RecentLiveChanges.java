package io.theriseunion.imagegateway.app.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The last repository and status changes this node told its subscribers, newest last, each with its number in the
 * order told and the position of the event it came from (-1 for a change with no stored event: a scheduled check's
 * SYNCING and SUCCESS). A subscription that follows a read of the catalogue ({@link LivePoint}) is first sent the
 * changes the read may be missing from here. Not thread-safe: {@link LiveUpdates} holds one lock around every use
 * and around the telling itself, so what is kept here and what a new follower is told never overlap.
 */
final class RecentLiveChanges {

    private record Told(long number, long position, Object change) {
    }

    private final int capacity;
    private final ArrayDeque<Told> told;
    private long count;
    /** The newest number and the highest position among the changes no longer kept. */
    private long droppedNumber;
    private long droppedPosition = -1;

    RecentLiveChanges(int capacity) {
        this.capacity = capacity;
        this.told = new ArrayDeque<>(capacity);
    }

    /** Keeps a change as told now. */
    void add(Object change, long position) {
        if (told.size() == capacity) {
            Told dropped = told.removeFirst();
            droppedNumber = dropped.number();
            droppedPosition = Math.max(droppedPosition, dropped.position());
        }
        told.addLast(new Told(++count, position, change));
    }

    /** How many changes were told so far. */
    long count() {
        return count;
    }

    /**
     * The kept changes of the kind and filter a read at the point may be missing, in the order told: from the first
     * one told after the point (by this node, {@code here}) or from an event after the catalogue's position, every
     * change told since (so that each row's last change comes last). Null when such a change is no longer kept.
     */
    <T> List<T> after(LivePoint point, String here, Class<T> kind, Predicate<T> filter) {
        boolean sameNode = here.equals(point.node());
        if (droppedPosition > point.catalogued() || (sameNode && droppedNumber > point.told())) {
            return null;
        }
        List<T> missed = new ArrayList<>();
        boolean from = false;
        for (Iterator<Told> it = told.iterator(); it.hasNext(); ) {
            Told change = it.next();
            from = from || change.position() > point.catalogued() || (sameNode && change.number() > point.told());
            if (from && kind.isInstance(change.change()) && filter.test(kind.cast(change.change()))) {
                missed.add(kind.cast(change.change()));
            }
        }
        return missed;
    }
}
