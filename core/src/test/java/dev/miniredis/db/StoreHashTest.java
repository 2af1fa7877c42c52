package dev.miniredis.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KeyHash} is the keyed hash the heap {@code Db} used before the store (kept here as {@link #reference}), byte for
 * byte, on arrays, array ranges and ranges of an off-heap page.
 */
@Timeout(30)
class StoreHashTest {
    private static final long SEED = Long.getLong("store.seed", 20261201L);

    @Test
    void keyHashIsTheReferenceHashOnArraysRangesAndPages() {
        long dbSeed = new Random(SEED ^ 1).nextLong();
        System.out.println("StoreHashTest seed " + SEED);
        Random random = new Random(SEED);
        ByteBuffer page = ByteBuffer.allocateDirect(1024);
        for (int n = 0; n < 5000; n++) {
            byte[] key = new byte[random.nextInt(n % 10 == 0 ? 300 : 40)];
            random.nextBytes(key);
            int expected = reference(dbSeed, key);
            assertThat(KeyHash.hash(dbSeed, key, 0, key.length)).as("seed %d, key %d", SEED, n).isEqualTo(expected);

            int off = random.nextInt(16);
            byte[] padded = new byte[off + key.length + random.nextInt(16)];
            random.nextBytes(padded);
            System.arraycopy(key, 0, padded, off, key.length);
            assertThat(KeyHash.hash(dbSeed, padded, off, key.length)).as("seed %d, key %d", SEED, n).isEqualTo(expected);

            int index = random.nextInt(page.capacity() - key.length);
            page.put(index, key);
            assertThat(KeyHash.hash(dbSeed, page, index, key.length)).as("seed %d, key %d", SEED, n).isEqualTo(expected);
        }
    }

    // The hash written the plain way, one byte at a time: a keyed multiply-xorshift, then MurmurHash3's fmix64.
    private static int reference(long seed, byte[] key) {
        long h = seed ^ key.length;
        for (byte b : key) {
            h = (h ^ (b & 0xff)) * 0x9E3779B97F4A7C15L;
            h ^= (h >>> 29) ^ seed;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    @Test
    void theSeedChangesTheHash() {
        byte[] key = "user:1000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(KeyHash.hash(1, key, 0, key.length)).isNotEqualTo(KeyHash.hash(2, key, 0, key.length));
    }
}
