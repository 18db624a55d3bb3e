package io.theriseunion.imagegateway.app.config;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate cache keeps the most recently used repositories up to its size: the one used longest ago goes
 * first, and Axon's caching repository is told (its listener), so that it does not count on a forgotten entry.
 */
class RecentAggregatesTests {

    @Test
    void theLeastRecentlyUsedEntryIsForgottenFirstAndTheListenerIsTold() {
        RecentAggregates cache = new RecentAggregates(2);
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        cache.put("a", "repository a");
        cache.put("b", "repository b");
        assertThat((String) cache.get("a")).isEqualTo("repository a"); // a is now the more recently used

        cache.put("c", "repository c");

        assertThat(expired).containsExactly("b");
        assertThat(cache.containsKey("b")).isFalse();
        assertThat((String) cache.get("a")).isEqualTo("repository a");
        assertThat((String) cache.get("c")).isEqualTo("repository c");
    }

    @Test
    void anEntryPutAgainOrReadIsKeptAndANullValueRemovesIt() {
        RecentAggregates cache = new RecentAggregates(2);
        cache.put("a", "repository a, version 1");
        cache.put("b", "repository b");
        cache.put("a", "repository a, version 2");
        cache.put("c", "repository c");

        assertThat((String) cache.get("a")).isEqualTo("repository a, version 2");
        assertThat(cache.containsKey("b")).isFalse();

        cache.put("a", null);
        assertThat(cache.containsKey("a")).isFalse();
        String readAgain = cache.computeIfAbsent("a", () -> "repository a, read again");
        assertThat(readAgain).isEqualTo("repository a, read again");
        assertThat((String) cache.get("a")).isEqualTo("repository a, read again");
    }
}
