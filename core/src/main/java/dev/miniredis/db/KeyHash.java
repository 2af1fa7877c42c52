package dev.miniredis.db;

import java.nio.ByteBuffer;

/**
 * The keyed hash of {@link Db#hash}, callable on a range of a {@code byte[]} and on a range of an off-heap page.
 *
 * <p>The {@link Store} needs both forms: a command hands it a key as an array, and rehashing reads keys back from the
 * arena's pages, where they live as bytes of a direct buffer. The two loops below are the same algorithm step for step
 * (the same as {@code Db.hash}, copied rather than shared so that {@code Db} stays exactly as it is): for the same bytes
 * and seed they give the same number, and a test checks that against {@code Db.hash} itself. Why a keyed hash at all is
 * explained in {@code Db.hash}: without the secret seed an attacker cannot choose keys that all land in one bucket.
 *
 * <p>Stateless, so any thread may call it; in practice only the loop thread does.
 */
final class KeyHash {
    private KeyHash() {
    }

    /** The hash of {@code key[off .. off + len)}. */
    static int hash(long seed, byte[] key, int off, int len) {
        long h = seed ^ len;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ (key[i] & 0xff)) * 0x9E3779B97F4A7C15L;
            h ^= (h >>> 29) ^ seed;
        }
        return finish(h);
    }

    /** The hash of the {@code len} bytes of {@code page} starting at absolute index {@code index}. */
    static int hash(long seed, ByteBuffer page, int index, int len) {
        long h = seed ^ len;
        for (int i = index, end = index + len; i < end; i++) {
            h = (h ^ (page.get(i) & 0xff)) * 0x9E3779B97F4A7C15L;
            h ^= (h >>> 29) ^ seed;
        }
        return finish(h);
    }

    // MurmurHash3's fmix64 finalizer: every input bit affects every output bit, the low bits (the bucket) included.
    private static int finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
