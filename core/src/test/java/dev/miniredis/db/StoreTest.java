package dev.miniredis.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link Store} one behaviour at a time; {@link StoreModelTest} checks random sequences against a model. */
@Timeout(60)
class StoreTest {
    private static final byte STRING = Store.TYPE_STRING;
    private static final int SMALL_PAGES = 16; // 64 KiB pages: records up to 16 KiB

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long put(Store store, String key, byte[] value) {
        return store.put(b(key), STRING, value, 0, value.length);
    }

    private static byte[] value(Store store, long a) {
        byte[] v = new byte[store.valueLength(a)];
        store.copyValue(a, 0, v, 0, v.length);
        return v;
    }

    private static byte[] bytes(int length, int seed) {
        byte[] v = new byte[length];
        new Random(seed).nextBytes(v);
        return v;
    }

    @Test
    void putFindOverwriteDelete() {
        Store store = new Store(1, SMALL_PAGES);
        assertThat(store.find(b("k"))).isEqualTo(Store.NIL);
        long a = put(store, "k", b("v1"));
        assertThat(store.find(b("k"))).isEqualTo(a);
        assertThat(value(store, a)).isEqualTo(b("v1"));
        assertThat(store.key(a)).isEqualTo(b("k"));
        assertThat(store.keyLength(a)).isEqualTo(1);
        assertThat(store.type(a)).isEqualTo(STRING);
        assertThat(put(store, "k", b("v2"))).as("same size class: in place").isEqualTo(a);
        assertThat(value(store, store.find(b("k")))).isEqualTo(b("v2"));
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.delete(b("k"))).isTrue();
        assertThat(store.delete(b("k"))).isFalse();
        assertThat(store.find(b("k"))).isEqualTo(Store.NIL);
        assertThat(store.size()).isZero();
        assertThat(store.liveBytes()).isZero();
        store.checkInvariants();
    }

    @Test
    void emptyKeysAndEmptyValuesAndOneByteValues() {
        Store store = new Store(2, SMALL_PAGES);
        long empty = store.put(new byte[0], STRING, new byte[0], 0, 0);
        long one = put(store, "one", new byte[] {42});
        long emptyValue = put(store, "nothing", new byte[0]);
        assertThat(store.find(new byte[0])).isEqualTo(empty);
        assertThat(store.keyLength(empty)).isZero();
        assertThat(store.key(empty)).isEmpty();
        assertThat(store.valueLength(empty)).isZero();
        assertThat(value(store, one)).containsExactly(42);
        assertThat(store.valueLength(emptyValue)).isZero();
        assertThat(store.recordBytesFor(0, 0)).as("the smallest class").isEqualTo(16);
        assertThat(store.delete(new byte[0])).isTrue();
        assertThat(store.find(new byte[0])).isEqualTo(Store.NIL);
        assertThat(store.find(b("one"))).isEqualTo(one);
        store.checkInvariants();
    }

    @Test
    void keysAndValuesMayBeRangesOfBiggerArrays() {
        Store store = new Store(3, SMALL_PAGES);
        byte[] buffer = b("xxKEYyyVALUEzz");
        long a = store.put(buffer, 2, 3, STRING, buffer, 7, 5);
        assertThat(store.find(b("KEY"))).isEqualTo(a);
        assertThat(store.find(buffer, 2, 3)).isEqualTo(a);
        assertThat(value(store, a)).isEqualTo(b("VALUE"));
        byte[] part = new byte[4];
        store.copyValue(a, 1, part, 1, 3);
        assertThat(part).containsExactly(0, 'A', 'L', 'U');
        assertThatThrownBy(() -> store.copyValue(a, 3, part, 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        byte[] key = new byte[5];
        store.copyKey(a, key, 2);
        assertThat(key).containsExactly(0, 0, 'K', 'E', 'Y');
        assertThat(store.delete(buffer, 2, 3)).isTrue();
    }

    @Test
    void aValueThatChangesSizeClassMovesItsRecordWithItsDeadlineAndClocks() {
        Store store = new Store(4, SMALL_PAGES);
        long a = put(store, "k", bytes(10, 1)); // 14 + 1 + 1 + 1 + 10 = 27 bytes: the 32-byte class
        store.setDeadline(a, 5000);
        store.lru(a, 0xABCDEF);
        store.lfu(a, 7);
        long moved = put(store, "k", bytes(300, 2));
        assertThat(moved).isNotEqualTo(a);
        assertThat(store.find(b("k"))).isEqualTo(moved);
        assertThat(value(store, moved)).isEqualTo(bytes(300, 2));
        assertThat(store.deadline(moved)).isEqualTo(5000);
        assertThat(store.lru(moved)).isEqualTo(0xABCDEF);
        assertThat(store.lfu(moved)).isEqualTo(7);
        assertThat(store.liveBytes()).as("the old record is free").isEqualTo(store.recordBytesFor(1, 300));
        store.checkInvariants();
        assertThat(store.popDue(5000)).as("the heap follows the record").isEqualTo(moved);
        long back = put(store, "k", bytes(12, 3)); // 29 bytes: the 32-byte class again
        assertThat(back).as("shrinking to a smaller class moves it too").isNotEqualTo(moved);
        assertThat(back).as("into the freed record of that class").isEqualTo(a);
        store.checkInvariants();
    }

    @Test
    void overwritingChangesTheTypeAndKeepsTheDeadline() {
        Store store = new Store(5, SMALL_PAGES);
        long a = put(store, "k", b("v"));
        store.setDeadline(a, 100);
        a = store.put(b("k"), (byte) 3, b("w"), 0, 1);
        assertThat(store.type(a)).isEqualTo((byte) 3);
        assertThat(store.deadline(a)).isEqualTo(100);
        a = store.put(b("k"), (byte) Store.MAX_TYPE, b("w"), 0, 1);
        assertThat(store.type(a)).isEqualTo((byte) Store.MAX_TYPE);
        assertThatThrownBy(() -> store.put(b("k"), (byte) 64, b("w"), 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(b("k"), (byte) -1, b("w"), 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lruAndLfuShareFourBytesWithoutTouchingEachOther() {
        Store store = new Store(6, SMALL_PAGES);
        long a = put(store, "k", b("v"));
        assertThat(store.lru(a)).isZero();
        assertThat(store.lfu(a)).isZero();
        store.lru(a, 0xFFFFFF);
        store.lfu(a, 255);
        assertThat(store.lru(a)).isEqualTo(0xFFFFFF);
        assertThat(store.lfu(a)).isEqualTo(255);
        store.lru(a, 0x1234567); // 25 bits: the top one is dropped
        assertThat(store.lru(a)).isEqualTo(0x234567);
        assertThat(store.lfu(a)).isEqualTo(255);
        store.lfu(a, 0x105);
        assertThat(store.lfu(a)).isEqualTo(5);
        assertThat(store.lru(a)).isEqualTo(0x234567);
        assertThat(value(store, a)).isEqualTo(b("v"));
    }

    @Test
    void deadlinesPersistAndPopDue() {
        Store store = new Store(7, SMALL_PAGES);
        long a = put(store, "a", b("1"));
        long c = put(store, "c", b("3"));
        long bb = put(store, "b", b("2"));
        assertThat(store.nextDeadline()).isEqualTo(Store.NO_DEADLINE);
        assertThat(store.deadline(a)).isEqualTo(Store.NO_DEADLINE);
        store.setDeadline(a, 300);
        store.setDeadline(bb, 100);
        store.setDeadline(c, 200);
        assertThat(store.keysWithDeadline()).isEqualTo(3);
        assertThat(store.nextDeadline()).isEqualTo(100);
        store.setDeadline(bb, 400); // moved later
        assertThat(store.nextDeadline()).isEqualTo(200);
        store.setDeadline(c, Store.NO_DEADLINE); // PERSIST
        assertThat(store.keysWithDeadline()).isEqualTo(2);
        assertThat(store.deadline(c)).isEqualTo(Store.NO_DEADLINE);
        assertThat(store.nextDeadline()).isEqualTo(300);
        assertThat(store.popDue(299)).isEqualTo(Store.NIL);
        assertThat(store.popDue(1000)).isEqualTo(a);
        assertThat(store.deadline(a)).as("popped: no deadline, still stored").isEqualTo(Store.NO_DEADLINE);
        assertThat(store.find(b("a"))).isEqualTo(a);
        store.delete(a);
        assertThat(store.popDue(1000)).isEqualTo(bb);
        store.delete(bb);
        assertThat(store.popDue(1000)).isEqualTo(Store.NIL);
        assertThat(store.keysWithDeadline()).isZero();
        assertThat(store.nextDeadline()).isEqualTo(Store.NO_DEADLINE);
        assertThat(store.size()).isEqualTo(1);
        store.checkInvariants();
    }

    @Test
    void deletingAKeyTakesItsDeadlineAlong() {
        Store store = new Store(8, SMALL_PAGES);
        for (int i = 0; i < 100; i++) store.setDeadline(put(store, "k" + i, b("v")), 1000 - i);
        for (int i = 0; i < 100; i += 2) assertThat(store.delete(b("k" + i))).isTrue();
        assertThat(store.keysWithDeadline()).isEqualTo(50);
        assertThat(store.nextDeadline()).isEqualTo(1000 - 99);
        store.checkInvariants();
    }

    @Test
    void deleteByAddressAndAWrongAddressIsRefused() {
        Store store = new Store(9, SMALL_PAGES);
        long a = put(store, "k", b("v"));
        long other = put(store, "other", b("v"));
        store.delete(a);
        assertThat(store.find(b("k"))).isEqualTo(Store.NIL);
        assertThat(store.find(b("other"))).isEqualTo(other);
        assertThatThrownBy(() -> store.delete(other + 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAtThePageRecordBoundaryAndBeyond() {
        Store store = new Store(10, SMALL_PAGES);
        byte[] key = b("0123456789abcdef");
        int max = store.maxRecordBytes();
        // The longest value that still fits inline for a 16-byte key: header 14, two varints (1 and 2 bytes), key 16.
        int inline = max - 14 - 1 - 16 - 2;
        for (int len : new int[] {inline - 1, inline, inline + 1, max, (1 << SMALL_PAGES) - 1, 1 << SMALL_PAGES,
                (1 << SMALL_PAGES) + 1, 3 << SMALL_PAGES}) {
            byte[] v = bytes(len, len);
            long a = store.put(key, STRING, v, 0, len);
            assertThat(value(store, a)).as("length %d", len).isEqualTo(v);
            boolean large = len > inline;
            assertThat(store.largeBytes()).as("length %d", len).isEqualTo(large ? len : 0);
            assertThat(store.recordBytesFor(16, len)).as("length %d", len).isLessThanOrEqualTo(max);
            store.checkInvariants();
        }
        assertThat(store.recordBytesFor(16, inline)).isEqualTo(max);
        assertThat(store.delete(key)).isTrue();
        assertThat(store.largeBytes()).isZero();
        assertThat(store.liveBytes()).isZero();
    }

    @Test
    void keysUpToTheLimitAndNoLonger() {
        Store store = new Store(11, SMALL_PAGES);
        byte[] key = bytes(store.maxKeyBytes(), 1);
        byte[] big = bytes(store.maxRecordBytes() * 2, 2);
        long a = store.put(key, STRING, big, 0, big.length);
        assertThat(store.find(key)).isEqualTo(a);
        assertThat(value(store, a)).isEqualTo(big);
        a = store.put(key, STRING, big, 0, 5);
        assertThat(value(store, a)).isEqualTo(Arrays.copyOf(big, 5));
        byte[] tooLong = new byte[store.maxKeyBytes() + 1];
        assertThatThrownBy(() -> store.put(tooLong, STRING, big, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        store.checkInvariants();
    }

    @Test
    void aFortyMegabyteValueWithTheDefaultPages() {
        Store store = new Store(12);
        int len = 40 << 20;
        byte[] v = bytes(len, 40);
        long a = store.put(b("big"), STRING, v, 0, len);
        assertThat(store.largeBytes()).isEqualTo(len);
        assertThat(store.valueLength(a)).isEqualTo(len);
        byte[] chunk = new byte[1 << 20];
        for (int from = 0; from < len; from += chunk.length) {
            store.copyValue(a, from, chunk, 0, chunk.length);
            assertThat(Arrays.equals(chunk, 0, chunk.length, v, from, from + chunk.length)).as("at %d", from).isTrue();
        }
        v[12345] ^= 1;
        long again = store.put(b("big"), STRING, v, 0, len);
        assertThat(again).as("same length: the same buffer, written over").isEqualTo(a);
        assertThat(store.largeBytes()).isEqualTo(len);
        store.copyValue(a, 12345, chunk, 0, 1);
        assertThat(chunk[0]).isEqualTo(v[12345]);
        // Sizes around the default page boundary: large, exact size.
        int page = 1 << Arena.DEFAULT_PAGE_SHIFT;
        for (int size : new int[] {store.maxRecordBytes() - 40, page - 1, page, page + 1}) {
            long x = store.put(b("big"), STRING, v, 0, size);
            assertThat(store.valueLength(x)).isEqualTo(size);
            store.copyValue(x, size - 100, chunk, 0, 100);
            assertThat(Arrays.equals(chunk, 0, 100, v, size - 100, size)).isTrue();
        }
        store.checkInvariants();
        assertThat(store.delete(b("big"))).isTrue();
        assertThat(store.largeBytes()).isZero();
        store.close();
        assertThat(store.usedBytes()).isLessThan(1024);
    }

    @Test
    void churnReusesFreedRecordsSoMemoryStaysBounded() {
        Store store = new Store(13, SMALL_PAGES);
        SplittableRandom random = new SplittableRandom(13);
        int keys = 5000;
        int[] sizes = {0, 7, 30, 100, 900, 5000};
        byte[] value = new byte[5000];
        byte[] key = new byte[8];
        for (int i = 0; i < keys; i++) {
            putKey(store, key, i, value, sizes[i % sizes.length]);
        }
        while (store.rehashStep(100)) { } // the last resize is done: the index stays as it is from here on
        // Delete and re-insert keys with the same sizes, then overwrite values with other sizes, many times over.
        long afterFill = store.usedBytes();
        for (int round = 0; round < 200_000; round++) {
            int i = random.nextInt(keys);
            writeKey(key, i);
            assertThat(store.delete(key)).isTrue();
            putKey(store, key, i, value, sizes[i % sizes.length]);
        }
        assertThat(store.usedBytes()).as("same-size delete and put reuse freed records").isEqualTo(afterFill);
        for (int round = 0; round < 200_000; round++) {
            putKey(store, key, random.nextInt(keys), value, sizes[random.nextInt(sizes.length)]);
        }
        long afterMixing = store.usedBytes();
        for (int round = 0; round < 200_000; round++) {
            putKey(store, key, random.nextInt(keys), value, sizes[random.nextInt(sizes.length)]);
        }
        // Each class's free list serves its own class: once every class reached its peak, nothing more is taken.
        assertThat(store.usedBytes()).as("overwrites that change size class are bounded too")
                .isLessThanOrEqualTo(afterMixing + 4L * (1 << SMALL_PAGES));
        assertThat(store.size()).isEqualTo(keys);
        store.checkInvariants();
    }

    private static void writeKey(byte[] key, int i) {
        for (int j = 0; j < key.length; j++) key[j] = (byte) ('0' + (i >>> (4 * j) & 15));
    }

    private static void putKey(Store store, byte[] key, int i, byte[] value, int length) {
        writeKey(key, i);
        store.put(key, STRING, value, 0, length);
    }

    @Test
    void clearGivesEverythingBackAndTheStoreWorksAfterwards() {
        Store store = new Store(14, SMALL_PAGES);
        for (int i = 0; i < 10_000; i++) store.setDeadline(put(store, "k" + i, bytes(i % 200, i)), i);
        long empty = new Store(15, SMALL_PAGES).usedBytes();
        assertThat(store.usedBytes()).isGreaterThan(empty + 1_000_000);
        store.clear();
        assertThat(store.size()).isZero();
        assertThat(store.keysWithDeadline()).isZero();
        assertThat(store.nextDeadline()).isEqualTo(Store.NO_DEADLINE);
        assertThat(store.usedBytes()).isEqualTo(empty);
        assertThat(store.liveBytes()).isZero();
        assertThat(store.find(b("k1"))).isEqualTo(Store.NIL);
        long a = put(store, "k1", b("again"));
        assertThat(value(store, a)).isEqualTo(b("again"));
        store.checkInvariants();
    }

    @Test
    void randomAddressAndSampleReturnLiveRecords() {
        Store store = new Store(16, SMALL_PAGES);
        SplittableRandom random = new SplittableRandom(16);
        assertThat(store.randomAddress(random)).isEqualTo(Store.NIL);
        assertThat(store.sample(random, new long[4], 4)).isZero();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            put(store, "k" + i, b("v"));
            keys.add("k" + i);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) seen.add(new String(store.key(store.randomAddress(random)), StandardCharsets.UTF_8));
        assertThat(seen).isEqualTo(keys);
        long[] sample = new long[20];
        for (int i = 0; i < 100; i++) {
            int n = store.sample(random, sample, 20);
            assertThat(n).isBetween(1, 20);
            for (int j = 0; j < n; j++) assertThat(keys).contains(new String(store.key(sample[j]), StandardCharsets.UTF_8));
        }
        // Also while rehashing: grow the table and draw before the rehash finishes.
        for (int i = 50; !store.isRehashing(); i++) put(store, "k" + i, b("v"));
        long a = store.randomAddress(random);
        assertThat(store.key(a)).isNotNull();
        assertThat(store.sample(random, sample, 20)).isPositive();
        store.checkInvariants();
    }

    @Test
    void tablesGrowAndShrinkIncrementally() {
        Store store = new Store(17, SMALL_PAGES);
        assertThat(store.buckets()).isEqualTo(16);
        for (int i = 0; i < 16; i++) put(store, "k" + i, b("v"));
        assertThat(store.isRehashing()).isFalse();
        put(store, "k16", b("v")); // 16 keys in 16 buckets: the 17th starts a resize
        assertThat(store.isRehashing()).isTrue();
        store.checkInvariants();
        while (store.rehashStep(1)) store.checkInvariants();
        assertThat(store.buckets()).isEqualTo(32);
        for (int i = 17; i < 1000; i++) put(store, "k" + i, b("v"));
        while (store.rehashStep(100)) { }
        assertThat(store.buckets()).isEqualTo(1024);
        for (int i = 0; i < 1000; i++) {
            if (i >= 100) assertThat(store.delete(b("k" + i))).isTrue();
        }
        while (store.rehashStep(100)) { }
        assertThat(store.buckets()).as("100 keys: the smallest power of two that holds them").isEqualTo(128);
        for (int i = 0; i < 100; i++) assertThat(store.find(b("k" + i))).isNotEqualTo(Store.NIL);
        store.checkInvariants();
    }

    @Test
    void aMillionSmallKeys() {
        Store store = new Store(18);
        byte[] key = b("key:000000000000"); // 16 bytes
        byte[] value = b("value:0123456789abcdef0123456789"); // 32 bytes
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            digits(key, i);
            store.put(key, STRING, value, 0, value.length);
        }
        assertThat(store.size()).isEqualTo(n);
        byte[] check = new byte[32];
        for (int i = 0; i < n; i++) {
            digits(key, i);
            long a = store.find(key);
            assertThat(a).isNotEqualTo(Store.NIL);
            if (i % 1000 == 0) {
                store.copyValue(a, 0, check, 0, 32);
                assertThat(check).isEqualTo(value);
            }
        }
        digits(key, n);
        assertThat(store.find(key)).isEqualTo(Store.NIL);
        double perKey = (double) store.usedBytes() / n;
        System.out.printf("StoreTest: %d keys of 16 + 32 bytes: usedBytes %d (%.1f per key), liveBytes %d, %d buckets%n",
                n, store.usedBytes(), perKey, store.liveBytes(), store.buckets());
        assertThat(store.liveBytes()).as("one 64-byte record per key").isEqualTo(64L * n);
        assertThat(perKey).as("the store's own accounting").isLessThan(80);
        store.close();
    }

    // Writes i as 12 decimal digits at the end of the key.
    static void digits(byte[] key, int i) {
        for (int j = key.length - 1; j >= key.length - 12; j--) {
            key[j] = (byte) ('0' + i % 10);
            i /= 10;
        }
    }
}
