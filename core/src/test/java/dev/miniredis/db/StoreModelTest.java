package dev.miniredis.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random sequences of every store operation, checked after each step against a {@code HashMap} model: size,
 * keys with a deadline and the next deadline after every step, the touched key's record after every step that touches
 * one, and every key (through a full scan) plus every structural invariant ({@link Store#checkInvariants}) every few dozen
 * steps and at the end. Half the runs end in the middle of a rehash and are checked there. Small pages (16 KiB, records up to 4 KiB) make new
 * pages, carved page tails and large values frequent. Rerun one seed with {@code -Dstore.seed=...}.
 */
@Timeout(120)
class StoreModelTest {
    private static final long SEED = Long.getLong("store.seed", 20261203L);
    private static final int RUNS = Integer.getInteger("store.runs", 40);
    private static final int PAGE_SHIFT = 14;

    /** What the model knows about one key. */
    private static final class Value {
        byte type;
        byte[] bytes;
        long deadline = Store.NO_DEADLINE;
        int lru;
        int lfu;
    }

    private Store store;
    private SplittableRandom random;
    private long seed;
    private final Map<String, Value> model = new HashMap<>();
    private final TreeMap<Long, Integer> deadlines = new TreeMap<>(); // a multiset of the model's deadlines
    private byte[][] pool;
    private long now;
    private int step;
    private int stepsWhileRehashing;

    @Test
    void randomSequencesMatchAHashMap() {
        System.out.println("StoreModelTest seed " + SEED + ", " + RUNS + " runs (seeds " + SEED + " to " + (SEED + RUNS - 1) + ")");
        int endedMidRehash = 0;
        int shrank = 0;
        for (int run = 0; run < RUNS; run++) {
            int[] result = run(SEED + run, run % 2 == 1);
            endedMidRehash += result[0];
            shrank += result[1];
        }
        System.out.println("StoreModelTest: " + endedMidRehash + " runs ended mid-rehash, " + shrank + " shrank, "
                + stepsWhileRehashing + " steps began mid-rehash");
        assertThat(stepsWhileRehashing).as("steps that began during a rehash").isGreaterThan(RUNS * 100);
        assertThat(endedMidRehash).as("runs that ended, and were checked, in the middle of a rehash").isGreaterThanOrEqualTo(RUNS / 4);
        assertThat(shrank).as("runs in which the table shrank").isGreaterThanOrEqualTo(RUNS / 4);
    }

    // One run; returns {ended mid-rehash ? 1 : 0, the table shrank at some point ? 1 : 0}.
    private int[] run(long runSeed, boolean stopMidRehash) {
        seed = runSeed;
        random = new SplittableRandom(runSeed);
        store = new Store(runSeed, PAGE_SHIFT);
        model.clear();
        deadlines.clear();
        now = 1_000;
        pool = keyPool(20 + random.nextInt(1500));
        int steps = 1_000 + random.nextInt(5_000);
        boolean growing = true;
        int phaseEnd = 0;
        int maxBuckets = 0;
        boolean shrank = false;
        for (step = 0; ; step++) {
            if (step >= steps && (!stopMidRehash || store.isRehashing() || step >= 4 * steps)) break;
            if (step >= phaseEnd) {
                growing = !growing;
                phaseEnd = step + 300 + random.nextInt(2_000);
            }
            if (store.isRehashing()) stepsWhileRehashing++;
            oneStep(growing);
            checkCounts();
            if (step % 61 == 0) checkEverything();
            maxBuckets = Math.max(maxBuckets, store.buckets());
            if (store.buckets() < maxBuckets) shrank = true;
        }
        boolean midRehash = store.isRehashing();
        checkEverything(); // checkInvariants first, while still mid-rehash; the lookups that follow move it along
        return new int[] {midRehash ? 1 : 0, shrank ? 1 : 0};
    }

    private byte[][] keyPool(int size) {
        Set<String> seen = new HashSet<>();
        List<byte[]> keys = new ArrayList<>();
        keys.add(new byte[0]);
        seen.add("");
        while (keys.size() < size) {
            byte[] key = new byte[random.nextInt(10) == 0 ? random.nextInt(300) : random.nextInt(24)];
            random.nextBytes(key);
            if (seen.add(name(key))) keys.add(key);
        }
        return keys.toArray(new byte[0][]);
    }

    private static String name(byte[] key) {
        return new String(key, StandardCharsets.ISO_8859_1); // one char per byte: a lossless map key
    }

    private byte[] randomValue() {
        int max = 1 << (PAGE_SHIFT - 2); // the largest record
        int k = random.nextInt(100);
        int length;
        if (k < 35) length = random.nextInt(9);
        else if (k < 65) length = 9 + random.nextInt(56);
        else if (k < 85) length = 65 + random.nextInt(436);
        else if (k < 95) length = 501 + random.nextInt(2_500);
        else if (k < 98) length = max - 40 + random.nextInt(81); // around the inline / large boundary
        else length = max + 41 + random.nextInt(3 << PAGE_SHIFT); // large: a buffer of its own
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }

    private void oneStep(boolean growing) {
        byte[] key = pool[random.nextInt(pool.length)];
        String name = name(key);
        int op = random.nextInt(100);
        int puts = growing ? 40 : 6;
        int deletes = growing ? 4 : 38;
        if ((op -= puts) < 0) {
            put(key, name);
        } else if ((op -= deletes) < 0) {
            boolean present = model.containsKey(name);
            assertThat(store.delete(key)).as(context("delete")).isEqualTo(present);
            forget(name);
        } else if ((op -= 5) < 0) {
            long a = store.find(key);
            assertThat(a != Store.NIL).as(context("find before delete(address)")).isEqualTo(model.containsKey(name));
            if (a != Store.NIL) {
                store.delete(a);
                forget(name);
            }
            assertThat(store.find(key)).as(context("find after delete")).isEqualTo(Store.NIL);
        } else if ((op -= 12) < 0) {
            long a = store.find(key);
            if (a == Store.NIL) return;
            long deadline = random.nextInt(4) == 0 ? Store.NO_DEADLINE : now - 20 + random.nextInt(320);
            store.setDeadline(a, deadline);
            setDeadline(model.get(name), deadline);
            checkKey(key, name);
        } else if ((op -= 8) < 0) {
            now += random.nextInt(30);
            popDue(1 + random.nextInt(10));
        } else if ((op -= 10) < 0) {
            checkKey(key, name);
        } else if ((op -= 3) < 0) {
            partialCopy(key, name);
        } else if ((op -= 5) < 0) {
            store.rehashStep(1 + random.nextInt(4));
        } else if ((op -= 4) < 0) {
            long a = store.find(key);
            if (a == Store.NIL) return;
            Value v = model.get(name);
            v.lru = random.nextInt(1 << 24);
            v.lfu = random.nextInt(256);
            store.lru(a, v.lru);
            store.lfu(a, v.lfu);
            checkKey(key, name);
        } else if ((op -= 3) < 0) {
            long a = store.randomAddress(random);
            if (model.isEmpty()) assertThat(a).isEqualTo(Store.NIL);
            else assertThat(model).as(context("randomAddress")).containsKey(name(store.key(a)));
        } else if ((op -= 2) < 0) {
            long[] sample = new long[16];
            int n = store.sample(random, sample, 1 + random.nextInt(16));
            for (int i = 0; i < n; i++) assertThat(model).as(context("sample")).containsKey(name(store.key(sample[i])));
        } else if ((op -= 1) < 0) {
            fullScan();
        } else if (random.nextInt(300) == 0) {
            store.clear();
            model.clear();
            deadlines.clear();
        }
    }

    private void put(byte[] key, String name) {
        byte type = (byte) random.nextInt(4);
        byte[] value = randomValue();
        long a = store.put(key, type, value, 0, value.length);
        Value v = model.computeIfAbsent(name, n -> new Value());
        v.type = type;
        v.bytes = value;
        assertThat(store.find(key)).as(context("find after put")).isEqualTo(a);
        checkKey(key, name);
    }

    private void forget(String name) {
        Value v = model.remove(name);
        if (v != null) setDeadline(v, Store.NO_DEADLINE);
    }

    private void setDeadline(Value v, long deadline) {
        if (v.deadline != Store.NO_DEADLINE) deadlines.merge(v.deadline, -1, (x, y) -> x + y == 0 ? null : x + y);
        v.deadline = deadline;
        if (deadline != Store.NO_DEADLINE) deadlines.merge(deadline, 1, Integer::sum);
    }

    private void popDue(int max) {
        for (int i = 0; i < max; i++) {
            long a = store.popDue(now);
            if (deadlines.isEmpty() || deadlines.firstKey() > now) {
                assertThat(a).as(context("popDue with nothing due")).isEqualTo(Store.NIL);
                return;
            }
            assertThat(a).as(context("popDue with a key due")).isNotEqualTo(Store.NIL);
            String name = name(store.key(a));
            Value v = model.get(name);
            assertThat(v).as(context("popped a stored key")).isNotNull();
            assertThat(v.deadline).as(context("popped the earliest deadline")).isEqualTo(deadlines.firstKey());
            assertThat(store.deadline(a)).as(context("a popped key has no deadline")).isEqualTo(Store.NO_DEADLINE);
            setDeadline(v, Store.NO_DEADLINE);
            if (random.nextInt(5) != 0) { // as active expiry does; otherwise the key simply stays, now persistent
                store.delete(a);
                forget(name);
            }
        }
    }

    private void partialCopy(byte[] key, String name) {
        long a = store.find(key);
        Value v = model.get(name);
        if (a == Store.NIL || v.bytes.length == 0) return;
        int from = random.nextInt(v.bytes.length);
        int len = random.nextInt(v.bytes.length - from + 1);
        byte[] dst = new byte[len + 3];
        store.copyValue(a, from, dst, 3, len);
        assertThat(Arrays.equals(dst, 3, 3 + len, v.bytes, from, from + len)).as(context("copyValue part")).isTrue();
    }

    private void fullScan() {
        Map<String, Integer> seen = new HashMap<>();
        long cursor = 0;
        int calls = 0;
        do {
            cursor = store.scan(cursor, a -> seen.merge(name(store.key(a)), 1, Integer::sum));
            assertThat(++calls).as(context("scan terminates")).isLessThanOrEqualTo(1 << 22);
        } while (cursor != 0);
        assertThat(seen.keySet()).as(context("a scan with no changes")).isEqualTo(model.keySet());
    }

    private void checkCounts() {
        assertThat(store.size()).as(context("size")).isEqualTo(model.size());
        assertThat(store.keysWithDeadline()).as(context("keysWithDeadline"))
                .isEqualTo(deadlines.values().stream().mapToInt(Integer::intValue).sum());
        long next = deadlines.isEmpty() ? Store.NO_DEADLINE : deadlines.firstKey();
        assertThat(store.nextDeadline()).as(context("nextDeadline")).isEqualTo(next);
    }

    private void checkKey(byte[] key, String name) {
        long a = store.find(key);
        if (!model.containsKey(name)) {
            assertThat(a).as(context("absent key")).isEqualTo(Store.NIL);
            return;
        }
        assertThat(a).as(context("present key")).isNotEqualTo(Store.NIL);
        assertThat(store.key(a)).as(context("key")).isEqualTo(key);
        checkRecord(a, model.get(name));
    }

    private void checkRecord(long a, Value v) {
        assertThat(store.type(a)).as(context("type")).isEqualTo(v.type);
        assertThat(store.valueLength(a)).as(context("value length")).isEqualTo(v.bytes.length);
        byte[] value = new byte[v.bytes.length];
        store.copyValue(a, 0, value, 0, value.length);
        assertThat(Arrays.equals(value, v.bytes)).as(context("value")).isTrue();
        assertThat(store.deadline(a)).as(context("deadline")).isEqualTo(v.deadline);
        assertThat(store.lru(a)).as(context("lru")).isEqualTo(v.lru);
        assertThat(store.lfu(a)).as(context("lfu")).isEqualTo(v.lfu);
    }

    // Every key, reached through a full scan rather than find(), which would move a rehash along and so finish most
    // rehashes before the steps that should run in their middle. With no change during the scan, each key comes once.
    private void checkEverything() {
        store.checkInvariants();
        checkCounts();
        Map<String, Long> records = new HashMap<>();
        long cursor = 0;
        do {
            cursor = store.scan(cursor, a -> assertThat(records.put(name(store.key(a)), a)).as(context("scanned once")).isNull());
        } while (cursor != 0);
        assertThat(records.keySet()).as(context("every key")).isEqualTo(model.keySet());
        records.forEach((name, a) -> checkRecord(a, model.get(name)));
        assertThat(store.liveBytes()).as(context("live bytes")).isLessThanOrEqualTo(store.usedBytes());
    }

    private String context(String what) {
        return what + " (seed " + seed + ", step " + step + ")";
    }
}
