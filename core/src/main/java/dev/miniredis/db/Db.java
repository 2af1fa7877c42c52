package dev.miniredis.db;

import java.util.function.Consumer;

/**
 * The keyspace: binary keys to values, with deadlines.
 *
 * <h2>One owner, no locks</h2>
 * Only the event-loop thread ever touches a {@code Db}. That is deliberate, and it is one of the lessons of this project:
 * because nothing is shared there are no locks, no concurrent collections, no {@code volatile} fields, and every
 * command is atomic simply because it runs to completion before the next one starts. This is how Redis works too. The
 * alternative, many threads and one lock around a map, pays for the lock on every command and still runs one command at
 * a time.
 *
 * <h2>The table</h2>
 * A chained hash table, as in Redis: a power-of-two array of buckets, each a linked list of {@link Entry} nodes. It grows
 * to twice the size when it holds as many keys as buckets, and shrinks when it is under an eighth full. We chose chaining
 * over open addressing because it lets {@link #scan} use Redis's reverse-binary cursor, which promises that a full SCAN
 * returns every key that existed for the whole iteration even if the table grew or shrank in between. (Redis resizes
 * incrementally, a few buckets per command; we rehash in one go, which costs a pause of a few milliseconds per million
 * keys, at sizes that double each time.)
 *
 * <h2>Expiry</h2>
 * Two paths, as in Redis. <b>Lazy</b>: every lookup first checks the key's deadline, so a read is right even if the key's
 * time came a microsecond ago. <b>Active</b>: an {@link ExpiryQueue} ordered by deadline lets the event loop sleep until the
 * next key is due and then remove it, so memory comes back for keys nobody reads. {@link #expireDue} removes at most a
 * given number per call, so a million keys falling due at once are removed over many turns, with clients served between.
 *
 * <p>Every method that can see expired keys takes {@code now}, read once per turn by the loop.
 */
public final class Db {
    /** Returned by {@link #nextDeadlineMillis} when no key has a deadline: the loop may sleep until I/O arrives. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final int MIN_BUCKETS = 16;
    /** A per-process seed mixed into every hash, so bucket order differs between runs, as Redis's random SipHash key does. */
    private static final long SEED = new java.security.SecureRandom().nextLong();

    private Entry[] buckets = new Entry[MIN_BUCKETS];
    private int size;
    private int keysWithDeadline;
    private final ExpiryQueue expiryQueue = new ExpiryQueue();
    private long expiredKeys;
    private long hits;
    private long misses;

    // ---- keys as bytes -------------------------------------------------------------------------------------------

    /** The hash of a key's bytes: a keyed multiply-xorshift, then a finalizer so the low bits (the bucket) are well mixed. */
    static int hash(byte[] key) {
        // Mix the seed into the state before every byte, so how two keys collide depends on the seed itself. (A
        // polynomial hash that only starts from the seed, h = 31*h + b, lets an attacker build colliding keys of equal
        // length that collide under every seed: "Aa" and "BB" do.) Redis uses SipHash with a random key for the same
        // reason; this keyed multiply-xorshift is not cryptographic, but without the seed it gives nothing to aim at.
        long h = SEED ^ key.length;
        for (byte b : key) {
            h = (h ^ (b & 0xff)) * 0x9E3779B97F4A7C15L;
            h ^= (h >>> 29) ^ SEED;
        }
        // MurmurHash3's fmix64 finalizer: every input bit affects every output bit, the low bits (the bucket) included.
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
    static boolean equalKeys(byte[] a, byte[] b) {
        return java.util.Arrays.equals(a, b);
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    /**
     * The live entry for {@code key}, or null. An entry whose deadline has passed is removed here (lazy expiry).
     *
     * @param key the key's bytes
     * @param now the current time, epoch milliseconds
     * @return the entry, or null if the key is absent or expired
     */
    public Entry lookup(byte[] key, long now) {
        Entry e = find(key, hash(key));
        if (e == null) return null;
        if (e.deadlineMillis() <= now) {
            remove(e);
            expiredKeys++;
            return null;
        }
        return e;
    }

    /**
     * The value of a live key, or null. Counted in INFO's keyspace_hits / keyspace_misses.
     *
     * @param key the key's bytes
     * @param now the current time, epoch milliseconds
     * @return the value, or null if the key is absent or expired
     */
    public Object get(byte[] key, long now) {
        Entry e = lookup(key, now);
        if (e == null) {
            misses++;
            return null;
        }
        hits++;
        return e.value;
    }

    /**
     * Reads through {@link #get} that found a live key (INFO's keyspace_hits).
     *
     * @return the running total
     */
    public long hits() {
        return hits;
    }

    /**
     * Reads through {@link #get} that found no live key (INFO's keyspace_misses).
     *
     * @return the running total
     */
    public long misses() {
        return misses;
    }

    /**
     * Keys stored, including expired ones not yet removed (Redis's DBSIZE counts the same way).
     *
     * @return the number of entries in the table
     */
    public int size() {
        return size;
    }

    /**
     * Keys that have a deadline.
     *
     * @return the count, shown as {@code expires=} in INFO's keyspace line
     */
    public int keysWithDeadline() {
        return keysWithDeadline;
    }

    /**
     * Keys removed because their deadline passed, lazily or actively.
     *
     * @return the running total, for INFO's {@code expired_keys}
     */
    public long expiredKeys() {
        return expiredKeys;
    }

    private Entry find(byte[] key, int hash) {
        for (Entry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.next) {
            if (equalKeys(e.key, key)) return e;
        }
        return null;
    }

    // ---- writing ---------------------------------------------------------------------------------------------------

    /**
     * Stores {@code value} under {@code key} and returns its entry. A new key has no deadline; an existing key keeps its
     * entry and, unless the caller changes it with {@link #setDeadline}, its deadline. An expired key is treated as absent.
     *
     * @param key the key's bytes, kept without copying
     * @param value the new value
     * @param now the current time, epoch milliseconds
     * @return the key's entry, new or updated in place
     */
    public Entry put(byte[] key, Object value, long now) {
        return store(key, value, now, Entry.PERSISTENT);
    }

    // put(), where a key that turns out to be new is created with `deadlineForNewKey` straight away: an ExpiringEntry
    // from the start, rather than a plain entry swapped out a moment later (SET ... EX on a new key).
    private Entry store(byte[] key, Object value, long now, long deadlineForNewKey) {
        int hash = hash(key);
        Entry e = find(key, hash);
        if (e != null && e.deadlineMillis() <= now) {
            remove(e);
            expiredKeys++;
            e = null;
        }
        if (e != null) {
            if (e.value instanceof byte[] old && value instanceof byte[] fresh && old.length == fresh.length && old != fresh) {
                // Overwrite in place. The stored array is old by now (the collector promoted it); the fresh one was
                // allocated for this command. Keeping the old array and copying into it means the fresh one dies
                // young, which a generational collector frees for almost nothing, instead of promoting a new value and
                // leaving the old one as garbage in the old generation. Safe because replies copy values out at once:
                // nothing outside the Db holds on to a stored array.
                System.arraycopy(fresh, 0, old, 0, old.length);
            } else {
                e.value = value;
            }
            return e;
        }
        if (size >= buckets.length) resize(buckets.length * 2);
        int index = hash & (buckets.length - 1);
        if (deadlineForNewKey == Entry.PERSISTENT) {
            e = new Entry(key, value, buckets[index]);
        } else {
            ExpiringEntry expiring = new ExpiringEntry(key, value, buckets[index], deadlineForNewKey);
            keysWithDeadline++;
            schedule(expiring, deadlineForNewKey);
            e = expiring;
        }
        buckets[index] = e;
        size++;
        return e;
    }

    /**
     * Stores {@code value} with a fresh deadline in one step: what SET does. {@link Entry#PERSISTENT} removes any deadline.
     * A deadline already in the past deletes the key instead, as Redis does for SET ... PXAT with a past time.
     *
     * @param key the key's bytes, kept without copying
     * @param value the new value
     * @param deadlineMillis absolute epoch milliseconds, or {@link Entry#PERSISTENT}
     * @param now the current time, epoch milliseconds
     */
    public void put(byte[] key, Object value, long deadlineMillis, long now) {
        if (deadlineMillis <= now) {
            delete(key, now);
            return;
        }
        setDeadline(store(key, value, now, deadlineMillis), deadlineMillis); // a new key already has it: no-op
    }

    /**
     * Gives a live entry a new deadline ({@link Entry#PERSISTENT} to make it persistent). A key's first deadline
     * replaces its entry with an {@link ExpiringEntry}, so use the returned entry from then on, not {@code e}.
     *
     * @param e an entry from {@link #lookup} or {@link #put}, still in the table
     * @param deadlineMillis absolute epoch milliseconds, or {@link Entry#PERSISTENT}
     * @return the key's entry now: {@code e} itself, or its replacement
     */
    public Entry setDeadline(Entry e, long deadlineMillis) {
        if (!(e instanceof ExpiringEntry x)) {
            if (deadlineMillis == Entry.PERSISTENT) return e;
            // The key's first deadline: swap the plain entry for one that can hold it, in the same chain position.
            ExpiringEntry expiring = new ExpiringEntry(e.key, e.value, e.next, deadlineMillis);
            replaceInChain(e, expiring);
            keysWithDeadline++;
            schedule(expiring, deadlineMillis);
            return expiring;
        }
        long old = x.deadline;
        if (old == deadlineMillis) return x;
        x.deadline = deadlineMillis;
        if (old == Entry.PERSISTENT) keysWithDeadline++;
        if (deadlineMillis == Entry.PERSISTENT) {
            keysWithDeadline--;
            return x; // the old queue item turns stale by itself: its deadline no longer matches
        }
        schedule(x, deadlineMillis);
        return x;
    }

    private void schedule(ExpiringEntry x, long deadlineMillis) {
        expiryQueue.add(deadlineMillis, x);
        if (expiryQueue.size() > 2 * keysWithDeadline + 1024) rebuildExpiryQueue();
    }

    private void replaceInChain(Entry old, Entry replacement) {
        int index = hash(old.key) & (buckets.length - 1);
        if (buckets[index] == old) {
            buckets[index] = replacement;
        } else {
            Entry e = buckets[index];
            while (e.next != old) e = e.next;
            e.next = replacement;
        }
        old.next = null;
    }

    /**
     * Removes a key; true if a live key was removed.
     *
     * @param key the key's bytes
     * @param now the current time, epoch milliseconds
     * @return false if the key was absent or had already expired
     */
    public boolean delete(byte[] key, long now) {
        Entry e = find(key, hash(key));
        if (e == null) return false;
        boolean live = e.deadlineMillis() > now;
        remove(e);
        if (!live) expiredKeys++;
        return live;
    }

    /**
     * Removes a live entry found by {@link #lookup}.
     *
     * @param e the entry to remove
     */
    public void delete(Entry e) {
        remove(e);
    }

    /** Removes every key (FLUSHDB). */
    public void clear() {
        buckets = new Entry[MIN_BUCKETS];
        size = 0;
        keysWithDeadline = 0;
        expiryQueue.clear();
    }

    private void remove(Entry target) {
        int index = hash(target.key) & (buckets.length - 1);
        Entry previous = null;
        for (Entry e = buckets[index]; e != null; previous = e, e = e.next) {
            if (e != target) continue;
            if (previous == null) buckets[index] = e.next;
            else previous.next = e.next;
            size--;
            if (e instanceof ExpiringEntry x) {
                if (x.deadline != Entry.PERSISTENT) keysWithDeadline--;
                x.deadline = Entry.REMOVED; // any queue item still pointing here is now stale
                x.value = null;             // and must not keep the value alive until its deadline comes
            }
            e.next = null;
            if (buckets.length > MIN_BUCKETS && size < buckets.length / 8) resize(buckets.length / 2);
            return;
        }
    }

    private void resize(int newLength) {
        Entry[] old = buckets;
        Entry[] resized = new Entry[newLength];
        int mask = newLength - 1;
        for (Entry head : old) {
            for (Entry e = head; e != null; ) {
                Entry next = e.next;
                int index = hash(e.key) & mask; // recomputed: keeping it would cost 8 bytes per entry
                e.next = resized[index];
                resized[index] = e;
                e = next;
            }
        }
        buckets = resized;
    }

    // ---- active expiry ---------------------------------------------------------------------------------------------

    /**
     * The earliest deadline in the expiry queue, for the loop's key-expiry timer. Stale queue items may make it early,
     * never late; an early wake-up finds nothing to do.
     *
     * @return epoch milliseconds, or {@link #NO_DEADLINE} if no key has a deadline
     */
    public long nextDeadlineMillis() {
        return expiryQueue.isEmpty() ? NO_DEADLINE : expiryQueue.peekDeadline();
    }

    /**
     * Removes keys whose deadline is {@code <= now}, at most {@code maxKeys} of them, and returns how many were removed.
     * If more were due, {@link #nextDeadlineMillis} stays at or before {@code now}, so the loop comes straight back after
     * serving the clients that are waiting.
     *
     * @param now the current time, epoch milliseconds
     * @param maxKeys the most keys to remove in this call
     * @return the number of keys removed
     */
    public int expireDue(long now, int maxKeys) {
        int removed = 0;
        int examined = 0;
        // Stale items cost little but are bounded too, so one call never runs away.
        while (removed < maxKeys && examined < 4 * maxKeys && !expiryQueue.isEmpty()) {
            long deadline = expiryQueue.peekDeadline();
            if (deadline > now) break;
            Entry e = expiryQueue.peekEntry();
            expiryQueue.removeHead();
            examined++;
            if (e.deadlineMillis() != deadline) continue; // stale: the key got a new deadline, or is gone
            remove(e);
            expiredKeys++;
            removed++;
        }
        return removed;
    }

    // The queue holds more stale items than live ones: rebuild it from the table.
    private void rebuildExpiryQueue() {
        expiryQueue.clear();
        for (Entry head : buckets) {
            for (Entry e = head; e != null; e = e.next) {
                if (e instanceof ExpiringEntry x && x.deadline != Entry.PERSISTENT) expiryQueue.add(x.deadline, x);
            }
        }
    }

    // ---- iteration ------------------------------------------------------------------------------------------------

    /**
     * Calls {@code action} for every live key (KEYS). Expired keys are skipped but not removed here.
     *
     * @param now the current time, epoch milliseconds
     * @param action receives each key's bytes, not a copy; it must not change the table
     */
    public void forEachKey(long now, Consumer<byte[]> action) {
        for (Entry head : buckets) {
            for (Entry e = head; e != null; e = e.next) {
                if (e.deadlineMillis() > now) action.accept(e.key);
            }
        }
    }

    /**
     * Visits one bucket chosen by {@code cursor} and returns the cursor for the next call; 0 means the iteration is over.
     *
     * <p>The cursor walks bucket indexes with their bits reversed: it increments the <em>highest</em> bit of the index
     * first. When the table doubles, bucket {@code i} splits into {@code i} and {@code i + oldSize}, which in reversed order
     * come right next to each other, so the buckets already visited stay visited and none is skipped. The price is that a
     * bucket may be visited twice after a resize, so SCAN may return a key twice, exactly as Redis's does.
     *
     * @param cursor 0 to start, then the value the previous call returned
     * @param action receives every entry in the bucket, expired ones included; it must not change the table
     * @return the next cursor, or 0 when every bucket has been visited
     */
    public long scan(long cursor, Consumer<Entry> action) {
        int mask = buckets.length - 1;
        for (Entry e = buckets[(int) (cursor & mask)]; e != null; e = e.next) action.accept(e);
        // Set the bits above the mask, so the increment below carries into the reversed index.
        long v = cursor | ~(long) mask;
        v = Long.reverse(v);
        v++;
        v = Long.reverse(v);
        return v;
    }
}
