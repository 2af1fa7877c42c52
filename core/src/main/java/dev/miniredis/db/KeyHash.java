package dev.miniredis.db;

import java.nio.ByteBuffer;

/**
 * The keyed hash of keys and channel names: a keyed multiply-xorshift over the bytes, then MurmurHash3's finalizer so the
 * low bits (the bucket) are well mixed. Callable on a range of a {@code byte[]} and on a range of an off-heap page.
 *
 * <p><b>Why keyed.</b> The seed is mixed into the state before every byte, so how two keys collide depends on the seed
 * itself. (A polynomial hash that only starts from the seed, h = 31*h + b, lets an attacker build colliding keys of equal
 * length that collide under every seed: "Aa" and "BB" do.) Redis uses SipHash with a random key for the same reason;
 * this keyed multiply-xorshift is not cryptographic, but without the seed it gives nothing to aim at.
 *
 * <p>The {@link Store} needs both forms: a command hands it a key as an array, and rehashing reads keys back from the
 * arena's pages, where they live as bytes of a direct buffer. The two loops below are the same algorithm step for step:
 * for the same bytes and seed they give the same number, which a test checks against a plain reference version.
 *
 * <p>Stateless, so any thread may call it; in practice only the loop thread does.
 */
public final class KeyHash {
    private KeyHash() {
    }

    /** A per-process seed, so bucket order differs between runs, as Redis's random SipHash key does ({@link Key}). */
    static final long PROCESS_SEED = new java.security.SecureRandom().nextLong();

    /** The hash of {@code key} under {@link #PROCESS_SEED}: what {@link Key} uses for pub/sub's maps. */
    static int hash(byte[] key) {
        return hash(PROCESS_SEED, key, 0, key.length);
    }

    /**
     * The hash of {@code key[off .. off + len)} under {@link #PROCESS_SEED}: what the heap collections' tables use.
     *
     * @param key holds the bytes
     * @param off where they start
     * @param len how many
     * @return a well-mixed 32-bit hash
     */
    public static int of(byte[] key, int off, int len) {
        return hash(PROCESS_SEED, key, off, len);
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
