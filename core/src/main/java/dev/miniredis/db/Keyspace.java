package dev.miniredis.db;

import java.util.SplittableRandom;

/**
 * Redis's numbered databases: {@code databases} independent {@link Db}s (16 by default), of which each connection
 * has one selected (SELECT). What is per database stays in each {@code Db}: keys, deadlines, hits and misses. What is
 * the server's is here: the {@code maxmemory} limit, which counts every database together, the eviction settings, which
 * every database follows, and the encoding limits, which they share.
 *
 * <p>An empty database costs a few small arrays: its store takes its first 32 MiB page only when its first key comes.
 *
 * <p><b>Eviction across databases.</b> Redis fills one eviction pool from every database, so the best candidate
 * overall goes first. Each of our databases keeps its own pool (see {@link Eviction}); to pick the next victim, a
 * database is drawn at random with a chance proportional to its candidate keys (all keys, or for {@code volatile-*}
 * the keys with a deadline), and that database's policy chooses. With most keys in one database, as is usual, this is
 * the same as Redis; with keys spread over many, the victims are spread in proportion, which is close to what sampling
 * across all of them would do.
 *
 * <p>Loop thread only, like each {@code Db}.
 */
public final class Keyspace {
    /** Redis's default number of databases. */
    public static final int DEFAULT_DATABASES = 16;

    private final Db[] dbs;
    private final EncodingLimits limits = new EncodingLimits();
    private final SplittableRandom random = new SplittableRandom();
    private long maxMemoryBytes;          // 0: no limit; unsigned, as in Redis

    /**
     * Empty databases.
     *
     * @param databases how many, at least 1
     */
    public Keyspace(int databases) {
        if (databases < 1) throw new IllegalArgumentException("databases " + databases);
        dbs = new Db[databases];
        for (int i = 0; i < databases; i++) {
            dbs[i] = new Db(limits);
            dbs[i].index(i);
        }
    }

    /**
     * One database.
     *
     * @param index 0 to {@link #count} - 1
     * @return the database
     */
    public Db db(int index) {
        return dbs[index];
    }

    /** @return the number of databases */
    public int count() {
        return dbs.length;
    }

    /**
     * SWAPDB: the two databases trade contents. Connections keep their selected index, so each sees the other's keys
     * from its next command on, as in Redis.
     *
     * @param a one index
     * @param b another (may equal {@code a})
     */
    public void swap(int a, int b) {
        if (a == b) return;
        // Watchers of either database see their keys change (Redis's touchAllWatchedKeysInDb, both ways).
        if (dbs[a].watched() || dbs[b].watched()) {
            changes.replaced(dbs[a], dbs[b]);
            changes.replaced(dbs[b], dbs[a]);
        }
        Db t = dbs[a];
        dbs[a] = dbs[b];
        dbs[b] = t;
        dbs[a].index(a);
        dbs[b].index(b);
        // Interest belongs to the index (a client watches "key in db 1"), not to the Db object that moved.
        dbs[b].swapWatched(dbs[a].swapWatched(dbs[b].watched()));
    }

    private KeyChanges changes;

    /**
     * Installs the listener of every database's changes; each database reports only while marked watched.
     *
     * @param listener the listener
     */
    public void changes(KeyChanges listener) {
        this.changes = listener;
        for (Db db : dbs) db.changes(listener, db.watched());
    }

    /**
     * Marks database {@code index} as watched or not: its changes reach the listener only while watched.
     *
     * @param index the database's number
     * @param watched whether anyone listens
     */
    public void watched(int index, boolean watched) {
        dbs[index].changes(changes, watched);
    }

    /** @return the limits shared by every database */
    public EncodingLimits limits() {
        return limits;
    }

    // ---- memory and eviction ----------------------------------------------------------------------------------------

    /** @return the memory of every database together: what {@code maxmemory} limits and INFO calls {@code used_memory} */
    public long usedMemoryBytes() {
        long sum = 0;
        for (Db db : dbs) sum += db.usedMemoryBytes();
        return sum;
    }

    /** @param bytes the {@code maxmemory} limit, unsigned; 0 for none */
    public void maxMemoryBytes(long bytes) {
        maxMemoryBytes = bytes;
    }

    /** @return the {@code maxmemory} limit, 0 for none */
    public long maxMemoryBytes() {
        return maxMemoryBytes;
    }

    /** @param policy the eviction policy for every database */
    public void policy(Eviction.Policy policy) {
        for (Db db : dbs) db.eviction().policy(policy);
    }

    /** @param samples {@code maxmemory-samples} for every database */
    public void samples(int samples) {
        for (Db db : dbs) db.eviction().samples(samples);
    }

    /** @param factor {@code lfu-log-factor} for every database */
    public void lfuLogFactor(int factor) {
        for (Db db : dbs) db.eviction().lfuLogFactor(factor);
    }

    /** @param minutes {@code lfu-decay-time} for every database */
    public void lfuDecayMinutes(int minutes) {
        for (Db db : dbs) db.eviction().lfuDecayMinutes(minutes);
    }

    /** @return the eviction settings every database follows (read them here; change them through this class) */
    public Eviction eviction() {
        return dbs[0].eviction();
    }

    /**
     * Redis's {@code performEvictions} over all databases: see {@link Db#evictIfNeeded} for the contract.
     *
     * @param now the current time, epoch milliseconds
     * @param maxKeys the most keys to evict in this call
     * @return true if under the limit or eviction made progress; false if over it with nothing to evict
     */
    public boolean evictIfNeeded(long now, int maxKeys) {
        if (maxMemoryBytes == 0 || Long.compareUnsigned(usedMemoryBytes(), maxMemoryBytes) <= 0) return true;
        for (int evicted = 0; evicted < maxKeys; evicted++) {
            if (!evictOne(now)) return false;
            if (Long.compareUnsigned(usedMemoryBytes(), maxMemoryBytes) <= 0) return true;
        }
        return true;
    }

    // Draws a database in proportion to its candidates, then lets its policy choose; if that one has nothing to give
    // (all its candidates gone since it was counted), tries the others in order.
    private boolean evictOne(long now) {
        boolean volatileOnly = eviction().policy().name().startsWith("VOLATILE");
        long total = 0;
        for (Db db : dbs) total += volatileOnly ? db.keysWithDeadline() : db.size();
        if (total == 0) return false;
        long pick = random.nextLong(total);
        int first = 0;
        for (; first < dbs.length - 1; first++) {
            pick -= volatileOnly ? dbs[first].keysWithDeadline() : dbs[first].size();
            if (pick < 0) break;
        }
        for (int i = 0; i < dbs.length; i++) {
            if (dbs[(first + i) % dbs.length].evictOne(now)) return true;
        }
        return false;
    }

    // ---- totals for INFO ---------------------------------------------------------------------------------------------

    /** @return keys evicted from every database */
    public long evictedKeys() {
        long sum = 0;
        for (Db db : dbs) sum += db.evictedKeys();
        return sum;
    }

    /** @return keys expired in every database */
    public long expiredKeys() {
        long sum = 0;
        for (Db db : dbs) sum += db.expiredKeys();
        return sum;
    }

    /** @return keyspace hits in every database */
    public long hits() {
        long sum = 0;
        for (Db db : dbs) sum += db.hits();
        return sum;
    }

    /** @return keyspace misses in every database */
    public long misses() {
        long sum = 0;
        for (Db db : dbs) sum += db.misses();
        return sum;
    }

    // ---- active expiry and resizing, for the loop's key timer ----------------------------------------------------------

    /** @return the earliest deadline in any database, or {@link Db#NO_DEADLINE} */
    public long nextDeadlineMillis() {
        long next = Db.NO_DEADLINE;
        for (Db db : dbs) next = Math.min(next, db.nextDeadlineMillis());
        return next;
    }

    /**
     * Removes due keys from every database, at most {@code maxKeys} in all.
     *
     * @param now the current time, epoch milliseconds
     * @param maxKeys the most keys to remove
     * @return how many were removed
     */
    public int expireDue(long now, int maxKeys) {
        int removed = 0;
        for (Db db : dbs) {
            if (removed >= maxKeys) break;
            removed += db.expireDue(now, maxKeys - removed);
        }
        return removed;
    }

    /** @return whether any database's index is being resized */
    public boolean isRehashing() {
        for (Db db : dbs) if (db.isRehashing()) return true;
        return false;
    }

    /**
     * Moves up to {@code buckets} buckets of each resize under way.
     *
     * @param buckets how many per database
     */
    public void rehashStep(int buckets) {
        for (Db db : dbs) if (db.isRehashing()) db.rehashStep(buckets);
    }

    /** Empties every database (FLUSHALL). */
    public void clearAll() {
        for (Db db : dbs) db.clear();
    }
}
