package dev.miniredis.db;

import dev.miniredis.db.Eviction.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The policies on a real store and a manual {@code now}; the LRU and LFU arithmetic on numbers. */
@Timeout(60)
class EvictionTest {
    private static final long T0 = 1_700_000_000_000L;
    private final Store store = new Store(42);
    private final Eviction eviction = new Eviction(store, new SplittableRandom(7));

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.US_ASCII);
    }

    private long put(int i, long now) {
        long a = store.put(key(i), Store.TYPE_STRING, new byte[8], 0, 8);
        eviction.created(a, now);
        return a;
    }

    private int indexOf(long a) {
        return Integer.parseInt(new String(store.key(a), StandardCharsets.US_ASCII).substring(4));
    }

    @Test
    void lruClockAndIdleTimeFollowRedis() {
        assertThat(Eviction.lruClock(T0)).isEqualTo((int) ((T0 / 1000) & Eviction.LRU_CLOCK_MAX));
        assertThat(Eviction.idleMillis(100, 40)).isEqualTo(60_000);
        assertThat(Eviction.idleMillis(5, Eviction.LRU_CLOCK_MAX - 5)).as("across the wrap").isEqualTo(10_000);
    }

    @Test
    void lfuCounterGrowsLogarithmicallyAndDecays() {
        assertThat(Eviction.lfuLogIncr(Eviction.LFU_INIT_VAL, 10, 0.999)).as("p = 1 at the start value").isEqualTo(6);
        assertThat(Eviction.lfuLogIncr(15, 10, 0.5)).as("p = 1/101").isEqualTo(15);
        assertThat(Eviction.lfuLogIncr(15, 10, 0.001)).isEqualTo(16);
        assertThat(Eviction.lfuLogIncr(255, 10, 0.0)).isEqualTo(255);
        int minute = Eviction.lfuMinutes(T0);
        assertThat(Eviction.lfuDecayed(minute, 20, T0 + 7 * 60_000, 1)).as("one per minute").isEqualTo(13);
        assertThat(Eviction.lfuDecayed(minute, 20, T0 + 7 * 60_000, 2)).isEqualTo(17);
        assertThat(Eviction.lfuDecayed(minute, 3, T0 + 7 * 60_000, 1)).as("not below 0").isZero();
        assertThat(Eviction.lfuDecayed(minute, 20, T0 + 7 * 60_000, 0)).as("decay off").isEqualTo(20);
    }

    @Test
    void noevictionChoosesNothing() {
        put(1, T0);
        assertThat(eviction.chooseVictim(T0)).isEqualTo(Store.NIL);
    }

    @Test
    void allkeysLruEvictsTheKeysIdleLongestFirst() {
        eviction.policy(Policy.ALLKEYS_LRU);
        eviction.samples(10);
        for (int i = 0; i < 1000; i++) put(i, T0);
        for (int i = 0; i < 100; i++) eviction.accessed(store.find(key(i)), T0 + 3_600_000); // keys 0-99 read an hour later
        Set<Integer> evicted = new HashSet<>();
        for (int n = 0; n < 800; n++) {
            long victim = eviction.chooseVictim(T0 + 3_600_000);
            evicted.add(indexOf(victim));
            store.delete(victim);
        }
        assertThat(evicted).hasSize(800).noneMatch(i -> i < 100);
    }

    @Test
    void allkeysLfuKeepsTheFrequentlyUsedKeys() {
        eviction.policy(Policy.ALLKEYS_LFU);
        for (int i = 0; i < 500; i++) put(i, T0);
        for (int hit = 0; hit < 200; hit++) {
            for (int i = 0; i < 50; i++) eviction.accessed(store.find(key(i)), T0);
        }
        assertThat(eviction.frequency(store.find(key(0)), T0)).isGreaterThan(Eviction.LFU_INIT_VAL);
        for (int n = 0; n < 400; n++) {
            long victim = eviction.chooseVictim(T0);
            assertThat(indexOf(victim)).as("a hot key was chosen").isGreaterThanOrEqualTo(50);
            store.delete(victim);
        }
    }

    @Test
    void volatileTtlEvictsTheSoonestDeadlineAndOnlyKeysWithOne() {
        eviction.policy(Policy.VOLATILE_TTL);
        eviction.samples(64);
        for (int i = 0; i < 100; i++) {
            long a = put(i, T0);
            if (i % 2 == 0) store.setDeadline(a, T0 + 1_000_000 - i * 1000L); // higher even keys expire sooner
        }
        long first = eviction.chooseVictim(T0);
        assertThat(indexOf(first) % 2).isZero();
        assertThat(indexOf(first)).isGreaterThanOrEqualTo(80);
        for (int n = 0; n < 50; n++) {
            long victim = eviction.chooseVictim(T0);
            if (n < 49) assertThat(victim).isNotEqualTo(Store.NIL);
            if (victim == Store.NIL) break;
            assertThat(indexOf(victim) % 2).as("only keys with a deadline").isZero();
            store.delete(victim);
        }
        assertThat(eviction.chooseVictim(T0)).as("no key with a deadline left").isEqualTo(Store.NIL);
    }

    @Test
    void randomPoliciesPickFromTheirOwnSet() {
        eviction.policy(Policy.VOLATILE_RANDOM);
        for (int i = 0; i < 20; i++) put(i, T0);
        assertThat(eviction.chooseVictim(T0)).isEqualTo(Store.NIL);
        store.setDeadline(store.find(key(7)), T0 + 10);
        assertThat(indexOf(eviction.chooseVictim(T0))).isEqualTo(7);
        eviction.policy(Policy.ALLKEYS_RANDOM);
        assertThat(eviction.chooseVictim(T0)).isNotEqualTo(Store.NIL);
    }

    @Test
    void policyNamesAreRedisConfigNames() {
        assertThat(Policy.parse("ALLKEYS-LRU")).isEqualTo(Policy.ALLKEYS_LRU);
        assertThat(Policy.VOLATILE_TTL.configName()).isEqualTo("volatile-ttl");
        assertThat(Policy.parse("lru")).isNull();
    }
}
