package dev.miniredis.db;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Which key to give up when memory runs out: Redis's {@code maxmemory-policy}, with its approximated LRU and LFU.
 *
 * <h2>Why approximate</h2>
 * An exact LRU needs every key in a list ordered by last access, moved on every read: two pointers per key and a write
 * per GET. Redis instead keeps a 24-bit clock in each key (the time of its last access, in seconds) and, when it must
 * evict, looks at a few keys chosen at random ({@code maxmemory-samples}, 5 by default) and evicts the one idle longest.
 * A small <em>eviction pool</em> remembers the best candidates of earlier samplings, so over a few rounds the choice
 * gets close to the true LRU. Our records have the same 24-bit clock and 8-bit counter in their header (see
 * {@link Store}), so this class is Redis's algorithm on our store:
 * <pre>
 *   sample 5 keys ──&gt; score each (idle time, 255 - frequency, or how soon it expires) ──&gt; insert into the pool
 *                                                                                     (16 slots, best last)
 *   evict the best pool entry whose key still exists ──&gt; under the limit? done : sample again
 * </pre>
 *
 * <h2>LFU in 8 bits</h2>
 * With an LFU policy the same 32 header bits hold a logarithmic access counter (8 bits, starting at
 * {@link #LFU_INIT_VAL} so new keys are not evicted at once) and the minute it was last decremented (16 bits, in the
 * LRU field). An access increments the counter with probability {@code 1 / ((counter - 5) * lfu-log-factor + 1)}, so
 * the counter grows with about the square root of the hits (at the default factor 10, some 300,000 hits reach 255);
 * every {@code lfu-decay-time} minutes without an access take one off. Redis documents the same trade-offs.
 *
 * <p>Only the loop thread uses an instance: no locks. {@code now} is passed in, as everywhere in the store.
 */
public final class Eviction {
    /** Redis's {@code maxmemory-policy} values. */
    public enum Policy {
        /** Refuse writes that need memory with an OOM error. */
        NOEVICTION(false, Kind.NONE),
        /** Evict the least recently used key among all keys. */
        ALLKEYS_LRU(true, Kind.LRU),
        /** Evict the least frequently used key among all keys. */
        ALLKEYS_LFU(true, Kind.LFU),
        /** Evict a random key. */
        ALLKEYS_RANDOM(true, Kind.RANDOM),
        /** Evict the least recently used key among keys with a deadline. */
        VOLATILE_LRU(false, Kind.LRU),
        /** Evict the least frequently used key among keys with a deadline. */
        VOLATILE_LFU(false, Kind.LFU),
        /** Evict a random key among keys with a deadline. */
        VOLATILE_RANDOM(false, Kind.RANDOM),
        /** Evict the key with a deadline that is due soonest. */
        VOLATILE_TTL(false, Kind.TTL);

        enum Kind { NONE, LRU, LFU, RANDOM, TTL }

        final boolean allKeys;
        final Kind kind;

        Policy(boolean allKeys, Kind kind) {
            this.allKeys = allKeys;
            this.kind = kind;
        }

        /** @return the name CONFIG uses, such as {@code allkeys-lru} */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * The policy CONFIG names, in any case.
         *
         * @param name such as {@code allkeys-lru}
         * @return the policy, or null if there is none of that name
         */
        public static Policy parse(String name) {
            for (Policy p : values()) if (p.configName().equalsIgnoreCase(name)) return p;
            return null;
        }

        /** @return whether the key's 32 clock bits hold an LFU counter (else an LRU clock) */
        public boolean usesLfu() {
            return kind == Kind.LFU;
        }
    }

    /** Redis's LRU clock: seconds, in 24 bits, so it wraps every 194 days. */
    static final int LRU_CLOCK_MAX = (1 << 24) - 1;
    static final int LRU_CLOCK_RESOLUTION_MILLIS = 1000;
    /** A new key's LFU counter, so it survives long enough to be accessed. */
    public static final int LFU_INIT_VAL = 5;
    /** The eviction pool's size (Redis's EVPOOL_SIZE). */
    static final int POOL_SIZE = 16;

    private final Store store;
    private final RandomGenerator random;
    private Policy policy = Policy.NOEVICTION;
    private int samples = 5;
    private int lfuLogFactor = 10;
    private int lfuDecayMinutes = 1;

    // The pool: candidates sorted by score, best (the one to evict first) last. Keys are copied, because an address may
    // be gone by the next eviction; each is looked up again before it is evicted.
    private final long[] poolScore = new long[POOL_SIZE];
    private final byte[][] poolKey = new byte[POOL_SIZE][];
    private final int[] poolKeyLength = new int[POOL_SIZE];
    private int poolSize;
    private final long[] sampled = new long[64];

    /**
     * @param store the keyspace's records
     * @param random where samples come from (a seeded one in tests)
     */
    public Eviction(Store store, RandomGenerator random) {
        this.store = store;
        this.random = random;
    }

    /** @return the current policy */
    public Policy policy() {
        return policy;
    }

    /**
     * Changes the policy; the pool is emptied, since its scores meant something else. Keys keep their clock bits, which
     * take a while to mean the new thing (Redis says the same in its OBJECT errors).
     *
     * @param policy the new policy
     */
    public void policy(Policy policy) {
        this.policy = policy;
        clearPool();
    }

    /** @return keys sampled per round ({@code maxmemory-samples}) */
    public int samples() {
        return samples;
    }

    /**
     * Sets {@code maxmemory-samples}; Redis accepts any positive number, we sample at most 64 keys per round.
     *
     * @param samples keys sampled per round
     */
    public void samples(int samples) {
        this.samples = Math.max(1, samples);
    }

    /** @param factor {@code lfu-log-factor} */
    public void lfuLogFactor(int factor) {
        this.lfuLogFactor = factor;
    }

    /** @return {@code lfu-log-factor} */
    public int lfuLogFactor() {
        return lfuLogFactor;
    }

    /** @param minutes {@code lfu-decay-time} */
    public void lfuDecayMinutes(int minutes) {
        this.lfuDecayMinutes = minutes;
    }

    /** @return {@code lfu-decay-time}, in minutes */
    public int lfuDecayMinutes() {
        return lfuDecayMinutes;
    }

    // ---- the clocks -------------------------------------------------------------------------------------------------

    /** Redis's {@code LRU_CLOCK()}: seconds since the epoch, in 24 bits. */
    static int lruClock(long nowMillis) {
        return (int) ((nowMillis / LRU_CLOCK_RESOLUTION_MILLIS) & LRU_CLOCK_MAX);
    }

    /** Redis's {@code estimateObjectIdleTime}: how long since {@code objectClock}, allowing for one wrap of the clock. */
    static long idleMillis(int clock, int objectClock) {
        long ticks = clock >= objectClock ? clock - objectClock : clock + (LRU_CLOCK_MAX - objectClock);
        return ticks * LRU_CLOCK_RESOLUTION_MILLIS;
    }

    /** Redis's {@code LFUGetTimeInMinutes}: minutes since the epoch, in 16 bits. */
    static int lfuMinutes(long nowMillis) {
        return (int) ((nowMillis / 60_000) & 0xffff);
    }

    /** Redis's {@code LFUDecrAndReturn}: the counter, less one per {@code decayMinutes} since {@code lastMinutes}. */
    static int lfuDecayed(int lastMinutes, int counter, long nowMillis, int decayMinutes) {
        int nowMinutes = lfuMinutes(nowMillis);
        int elapsed = nowMinutes >= lastMinutes ? nowMinutes - lastMinutes : 0xffff - lastMinutes + nowMinutes;
        int periods = decayMinutes > 0 ? elapsed / decayMinutes : 0;
        return periods > counter ? 0 : counter - periods;
    }

    /** Redis's {@code LFULogIncr}: one more access, counted with a probability that falls as the counter grows. */
    static int lfuLogIncr(int counter, int logFactor, double random01) {
        if (counter == 255) return 255;
        double base = Math.max(0, counter - LFU_INIT_VAL);
        double p = 1.0 / (base * logFactor + 1);
        return random01 < p ? counter + 1 : counter;
    }

    // ---- what keys carry --------------------------------------------------------------------------------------------

    /**
     * Sets a new key's clock bits: now as its last access, and with LFU the starting counter.
     *
     * @param a the new record
     * @param now epoch milliseconds
     */
    public void created(long a, long now) {
        if (policy.usesLfu()) {
            store.lru(a, lfuMinutes(now));
            store.lfu(a, LFU_INIT_VAL);
        } else {
            store.lru(a, lruClock(now));
            store.lfu(a, LFU_INIT_VAL);
        }
    }

    /**
     * Records an access (a read or a write of the key): Redis's {@code updateLFU} or the LRU clock.
     *
     * @param a the record
     * @param now epoch milliseconds
     */
    public void accessed(long a, long now) {
        if (policy.usesLfu()) {
            int counter = lfuDecayed(store.lru(a) & 0xffff, store.lfu(a), now, lfuDecayMinutes);
            store.lfu(a, lfuLogIncr(counter, lfuLogFactor, random.nextDouble()));
            store.lru(a, lfuMinutes(now));
        } else {
            store.lru(a, lruClock(now));
        }
    }

    /**
     * OBJECT IDLETIME's figure, in milliseconds (the command divides by 1000).
     *
     * @param a the record
     * @param now epoch milliseconds
     * @return the estimated time since the last access
     */
    public long idleMillis(long a, long now) {
        return idleMillis(lruClock(now), store.lru(a));
    }

    /**
     * OBJECT FREQ's figure: the decayed LFU counter.
     *
     * @param a the record
     * @param now epoch milliseconds
     * @return 0 to 255
     */
    public int frequency(long a, long now) {
        return lfuDecayed(store.lru(a) & 0xffff, store.lfu(a), now, lfuDecayMinutes);
    }

    // ---- choosing a victim ------------------------------------------------------------------------------------------

    /**
     * The key to evict next under the current policy, or {@link Store#NIL} if the policy evicts nothing (noeviction) or
     * has nothing to choose from (no keys, or no key with a deadline for a volatile policy). The caller deletes it (and
     * counts, notifies, frees) and calls again while memory is still over the limit.
     *
     * @param now epoch milliseconds
     * @return the record to evict, or {@link Store#NIL}
     */
    public long chooseVictim(long now) {
        switch (policy.kind) {
            case NONE:
                return Store.NIL;
            case RANDOM: {
                if (policy.allKeys) return store.randomAddress(random);
                return store.sampleWithDeadline(random, sampled, 1) == 1 ? sampled[0] : Store.NIL;
            }
            default:
                for (int rounds = 0; rounds < 100; rounds++) {
                    int n = Math.min(samples, sampled.length);
                    int found = policy.allKeys ? store.sample(random, sampled, n) : store.sampleWithDeadline(random, sampled, n);
                    if (found == 0) return Store.NIL;
                    for (int i = 0; i < found; i++) offer(sampled[i], now);
                    long victim = takeBest();
                    if (victim != Store.NIL) return victim;
                }
                return Store.NIL;
        }
    }

    // How good a candidate is: higher means evict sooner.
    private long score(long a, long now) {
        return switch (policy.kind) {
            case LRU -> idleMillis(a, now);
            case LFU -> 255 - frequency(a, now);
            case TTL -> Long.MAX_VALUE - store.deadline(a);
            default -> 0;
        };
    }

    // Redis's evictionPoolPopulate for one sampled key: insert in score order, dropping the worst when full.
    private void offer(long a, long now) {
        long score = score(a, now);
        int k = 0;
        while (k < poolSize && poolScore[k] < score) k++;
        if (k == 0 && poolSize == POOL_SIZE) return;      // worse than every candidate in a full pool
        int keyLength = store.keyLength(a);
        if (alreadyPooled(a, keyLength)) return;
        byte[] spare;
        if (poolSize < POOL_SIZE) {
            spare = poolKey[poolSize];                        // the unused slot past the end lends its array
            System.arraycopy(poolScore, k, poolScore, k + 1, poolSize - k);
            System.arraycopy(poolKey, k, poolKey, k + 1, poolSize - k);
            System.arraycopy(poolKeyLength, k, poolKeyLength, k + 1, poolSize - k);
            poolSize++;
        } else {
            k--;                                              // full: the worst (slot 0) goes, the others move down
            spare = poolKey[0];
            System.arraycopy(poolScore, 1, poolScore, 0, k);
            System.arraycopy(poolKey, 1, poolKey, 0, k);
            System.arraycopy(poolKeyLength, 1, poolKeyLength, 0, k);
        }
        if (spare == null || spare.length < keyLength) spare = new byte[Math.max(keyLength, 64)];
        store.copyKey(a, spare, 0);
        poolKey[k] = spare;
        poolKeyLength[k] = keyLength;
        poolScore[k] = score;
    }

    private boolean alreadyPooled(long a, int keyLength) {
        for (int i = 0; i < poolSize; i++) {
            if (poolKeyLength[i] == keyLength && store.find(poolKey[i], 0, keyLength) == a) return true;
        }
        return false;
    }

    // From the best down: the first candidate whose key still exists (and still has a deadline, for volatile policies).
    private long takeBest() {
        while (poolSize > 0) {
            int k = --poolSize;
            long a = store.find(poolKey[k], 0, poolKeyLength[k]);
            if (a != Store.NIL && (policy.allKeys || store.deadline(a) != Store.NO_DEADLINE)) return a;
        }
        return Store.NIL;
    }

    private void clearPool() {
        poolSize = 0;
        Arrays.fill(poolScore, 0);
    }
}
