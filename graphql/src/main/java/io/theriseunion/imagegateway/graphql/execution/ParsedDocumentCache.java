package io.theriseunion.imagegateway.graphql.execution;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Keeps the parsed and validated form of the most recently used documents: a frontend sends the same few
 * documents over and over with other variables, and parsing plus validation is a large share of a small
 * query's cost. Bounded (least recently used out), so unique documents cannot grow it.
 */
public class ParsedDocumentCache implements PreparsedDocumentProvider {

    private final Map<String, PreparsedDocumentEntry> entries;

    public ParsedDocumentCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String key = input.getQuery();
        PreparsedDocumentEntry cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached == null) {
            cached = parseAndValidate.apply(input);
            if (!cached.hasErrors()) {
                synchronized (entries) {
                    entries.put(key, cached);
                }
            }
        }
        return CompletableFuture.completedFuture(cached);
    }
}
