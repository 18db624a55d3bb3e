package io.theriseunion.imagegateway.domain.api;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdentifiersTests {

    @Test
    void anIdentifierIsAVersion7UuidThatCarriesItsTime() {
        Instant at = Instant.parse("2026-12-05T04:30:00.123Z");
        UUID id = TimeOrderedIdentifiers.of(at.toEpochMilli(), new Random(7));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562's (IETF) variant
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
        assertThat(id.toString()).hasSize(36).isLowerCase();
    }

    @Test
    void identifiersMadeLaterSortAfterEarlierOnesAsStrings() {
        Random random = new Random(42);
        long start = Instant.parse("2026-12-05T04:30:00Z").toEpochMilli();
        List<String> made = new ArrayList<>();
        for (int ms = 0; ms < 2_000; ms++) {
            made.add(TimeOrderedIdentifiers.of(start + ms, random).toString());
        }
        assertThat(made).isSorted();
        // and across the turn of a hex digit in the time: 0x...fff ms then 0x...1000 ms
        assertThat(TimeOrderedIdentifiers.of(0xFFFL, random).toString())
                .isLessThan(TimeOrderedIdentifiers.of(0x1000L, random).toString());
    }

    @Test
    void manyIdentifiersMadeAtOnceAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            seen.add(TimeOrderedIdentifiers.next());
        }
        assertThat(seen).hasSize(200_000);
    }

    @Test
    void axonMakesItsMessageIdentifiersHereSoStoredEventsSortByTime() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifiers.class);
        String first = IdentifierFactory.getInstance().generateIdentifier();
        long later = System.currentTimeMillis() + 2;
        while (System.currentTimeMillis() < later) {
            Thread.onSpinWait();
        }
        assertThat(IdentifierFactory.getInstance().generateIdentifier()).isGreaterThan(first);
        assertThat(UUID.fromString(RepositoryId.next().value()).version()).isEqualTo(7);
    }
}
