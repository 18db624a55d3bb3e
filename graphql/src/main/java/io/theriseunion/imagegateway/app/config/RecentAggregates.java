package io.theriseunion.imagegateway.app.config;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The most recently used aggregates, held strongly up to a count (least recently used forgotten first). Axon's
 * {@code WeakReferenceCache} lost a repository at the first garbage collection after its command, so a
 * repository's next command (an operator's {@code triggerSync} seconds later) read its snapshot and events from the
 * store again: 5 % of the gateway's CPU under steady manual syncs (docs/benchmarks.md, "What one manual sync costs").
 */
final class RecentAggregates implements Cache {

    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Object, Object> entries;

    RecentAggregates(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                listeners.forEach(l -> l.onEntryExpired(eldest.getKey()));
                return true;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        V value = (V) entries.get(key);
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        boolean updated = entries.put(key, value) != null;
        listeners.forEach(l -> {
            if (updated) {
                l.onEntryUpdated(key, value);
            } else {
                l.onEntryCreated(key, value);
            }
        });
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T present = (T) entries.get(key);
        if (present != null) {
            return present;
        }
        T value = valueSupplier.get();
        put(key, value);
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        V present = (V) entries.get(key);
        if (present != null) {
            put(key, update.apply(present));
        }
    }

    @Override
    public synchronized boolean remove(Object key) {
        if (entries.remove(key) == null) {
            return false;
        }
        listeners.forEach(l -> l.onEntryRemoved(key));
        return true;
    }

    @Override
    public synchronized void removeAll() {
        List.copyOf(entries.keySet()).forEach(this::remove);
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
