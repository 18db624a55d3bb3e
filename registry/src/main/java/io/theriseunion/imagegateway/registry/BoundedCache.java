package io.theriseunion.imagegateway.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small thread-safe LRU map: content by digest, tokens by scope. */
final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    synchronized void remove(K key, V value) {
        entries.remove(key, value);
    }

    synchronized int size() {
        return entries.size();
    }
}
