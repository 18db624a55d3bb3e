package io.theriseunion.imagegateway.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RegistryRequestListener} that keeps every request it is told about, for tests to count. */
final class RequestLog implements RegistryRequestListener {

    record Entry(String host, String method, String path, int status) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void onRequest(String host, String method, String path, int status) {
        entries.add(new Entry(host, method, path, status));
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    int count() {
        return entries.size();
    }

    long count(String pathFragment) {
        return entries.stream().filter(e -> e.path().contains(pathFragment)).count();
    }

    void clear() {
        entries.clear();
    }
}
