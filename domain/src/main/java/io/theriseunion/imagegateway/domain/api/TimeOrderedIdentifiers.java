package io.theriseunion.imagegateway.domain.api;

import org.axonframework.common.IdentifierFactory;

import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers that sort by the time they were made: UUIDs of version 7 (RFC 9562), the first 48 bits the Unix time
 * in milliseconds and the other 74 bits random. Used for every identifier the gateway makes and stores in an index:
 * Axon's message identifiers (each stored event's unique {@code eventIdentifier}; Axon finds this factory through
 * {@code META-INF/services}), repository ids and sync run ids.
 * <p>
 * Why: a B-tree index on random UUIDs takes each new key at a random leaf. On the embedded H2, where each commit
 * writes every page it changed, a batch of 500 adds rewrote a random leaf of each such index for almost every item,
 * and a single add left a leaf in its chunk that stays live until that leaf changes again, so the file's old chunks
 * stay partly live and the housekeeping rewrites them. Keys that grow with time all go to the newest leaf, which the
 * next commit writes again anyway. PostgreSQL's B-trees gain the same way (fewer pages dirtied and written to the
 * WAL). Ids made before this change stay as they were: both kinds are UUIDs and compare as strings.
 * <p>
 * The random bits come from {@link ThreadLocalRandom}: an identifier must be unique, not secret (repository ids are
 * shown to every reader of the repository), and {@code UUID.randomUUID()}'s shared {@code SecureRandom} made
 * threads wait on each other.
 */
public final class TimeOrderedIdentifiers extends IdentifierFactory {

    /** For Axon's ServiceLoader. */
    public TimeOrderedIdentifiers() {
    }

    @Override
    public String generateIdentifier() {
        return next();
    }

    /** A new identifier, in the canonical form of a UUID (lower-case hex, 36 characters). */
    public static String next() {
        return of(System.currentTimeMillis(), ThreadLocalRandom.current()).toString();
    }

    /** The version 7 UUID of the given Unix time in milliseconds, its other bits from random. */
    static UUID of(long epochMillis, Random random) {
        long timeAndVersion = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long variantAndRandom = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(timeAndVersion, variantAndRandom);
    }
}
