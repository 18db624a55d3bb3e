package io.theriseunion.imagegateway.registry;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A small thread-safe LRU map: content by digest, tokens by scope. Bounded by a total weight: the number of
 * entries, or for documents their bytes, so that a few large ones cannot take more memory than the bound.
 */
final class BoundedCache<K, V> {

    private record Weighed<V>(V value, long weight) {
    }

    private final Map<K, Weighed<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private long weight;

    /** At most {@code capacity} entries. */
    BoundedCache(int capacity) {
        this(capacity, value -> 1);
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1");
        }
    }

    /** Entries weighing at most {@code maxWeight} together; an entry heavier than that alone is not kept. */
    BoundedCache(long maxWeight, ToLongFunction<V> weigher) {
        if (maxWeight < 0) {
            throw new IllegalArgumentException("cache weight must not be negative");
        }
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    synchronized V get(K key) {
        Weighed<V> entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    synchronized void put(K key, V value) {
        long w = Math.max(0, weigher.applyAsLong(value));
        Weighed<V> old = entries.remove(key);
        if (old != null) {
            weight -= old.weight();
        }
        if (w > maxWeight) {
            return;
        }
        entries.put(key, new Weighed<>(value, w));
        weight += w;
        Iterator<Weighed<V>> eldest = entries.values().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            weight -= eldest.next().weight();
            eldest.remove();
        }
    }

    synchronized void remove(K key, V value) {
        Weighed<V> entry = entries.get(key);
        if (entry != null && entry.value().equals(value)) {
            entries.remove(key);
            weight -= entry.weight();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** The entries' total weight. */
    synchronized long weight() {
        return weight;
    }
}
