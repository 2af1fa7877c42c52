package dev.miniredis.db.types;

import dev.miniredis.db.KeyHash;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * The hash table of a big hash, set or sorted set: binary keys (fields, members) to values of type {@code V}
 * ({@code byte[]} values for a hash, none for a set, skip-list nodes for a sorted set). Redis's {@code dict}, with the
 * same chaining and the same reverse-binary SCAN cursor, so HSCAN, SSCAN and ZSCAN keep SCAN's promise: an element
 * present for a whole iteration is returned at least once, even if the table grows or shrinks in between.
 *
 * <h2>Entries in parallel arrays</h2>
 * An entry is an index {@code e}: its key is {@code keys[e]}, its value {@code values[e]}, its cached hash
 * {@code hashes[e]} and the next entry of its bucket {@code next[e]} (minus one; -1 ends a chain). A bucket holds its
 * first entry's index plus one (0: empty). So an entry costs its key array and four array slots, about 16 bytes,
 * where a {@code java.util.HashMap} node costs 32 bytes plus a wrapper object around a {@code byte[]} key. Freed
 * entries are reused through a free list threaded through {@code next}.
 * <pre>
 *   buckets  [ 0 ][ 3 ][ 0 ][ 1 ]          bucket 1 -> entry 2 -> entry 4 -> end; bucket 3 -> entry 0 -> end
 *   next     [ -1 ][ . ][ 4 ][ . ][ -1 ]
 *   keys     [ "a" ][ . ][ "b" ][ . ][ "c" ]
 * </pre>
 *
 * <p><b>Resizing all at once.</b> The table doubles when it holds as many entries as buckets and halves when under an
 * eighth full, in one step. Redis rehashes its dicts a bucket at a time; a collection's table is rehashed here in one go
 * because it moves only ints (the cached hashes mean no key is read again): a million-element set rehashes in a few
 * milliseconds. The keyspace itself, which can hold hundreds of millions of keys, rehashes incrementally (see
 * {@code Store}).
 *
 * <p>Loop thread only, like everything it belongs to.
 *
 * @param <V> the values' type
 */
public final class BytesMap<V> {
    private static final int MIN_BUCKETS = 4;

    private int[] buckets = new int[MIN_BUCKETS];
    private byte[][] keys = new byte[MIN_BUCKETS][];
    private Object[] values = new Object[MIN_BUCKETS];
    private int[] hashes = new int[MIN_BUCKETS];
    private int[] next = new int[MIN_BUCKETS];
    private int used;              // entries ever handed out: indexes at and above it are untouched
    private int freeList = -1;     // a freed entry, whose next[] is the next freed one
    private int size;
    private long keyBytes;         // the key arrays' estimated heap size

    /**
     * Elements held.
     *
     * @return the number of keys
     */
    public int size() {
        return size;
    }

    /**
     * The entry of {@code key}, or -1.
     *
     * @param key the key's bytes
     * @return its entry index, valid until the next change
     */
    public int find(byte[] key) {
        return find(key, 0, key.length);
    }

    /**
     * The entry of {@code key[off .. off + len)}, or -1.
     *
     * @param key holds the key's bytes
     * @param off where they start
     * @param len how many
     * @return its entry index, valid until the next change
     */
    public int find(byte[] key, int off, int len) {
        int h = KeyHash.of(key, off, len);
        for (int e = buckets[h & (buckets.length - 1)] - 1; e >= 0; e = next[e]) {
            if (hashes[e] == h && Arrays.equals(keys[e], 0, keys[e].length, key, off, off + len)) return e;
        }
        return -1;
    }

    /**
     * The value of {@code key}, or null if absent (or stored as null, as a set's members are).
     *
     * @param key the key's bytes
     * @return the value or null
     */
    public V get(byte[] key) {
        int e = find(key);
        return e < 0 ? null : value(e);
    }

    /**
     * Whether {@code key} is present.
     *
     * @param key the key's bytes
     * @return true if present
     */
    public boolean contains(byte[] key) {
        return find(key) >= 0;
    }

    /**
     * Adds {@code key} or replaces its value.
     *
     * @param key the key's bytes; kept, not copied (the caller hands over an array it no longer changes)
     * @param value the value, may be null
     * @return true if the key was new
     */
    public boolean put(byte[] key, V value) {
        int e = find(key);
        if (e >= 0) {
            values[e] = value;
            return false;
        }
        add(key, value);
        return true;
    }

    /**
     * Adds a key known to be absent (after {@link #find} said -1): one lookup instead of two.
     *
     * @param key the key's bytes; kept, not copied
     * @param value the value, may be null
     * @return the new entry's index
     */
    public int add(byte[] key, V value) {
        if (size >= buckets.length) rehash(buckets.length * 2);
        int e;
        if (freeList >= 0) {
            e = freeList;
            freeList = next[e];
        } else {
            if (used == keys.length) grow();
            e = used++;
        }
        int h = KeyHash.of(key, 0, key.length);
        keys[e] = key;
        values[e] = value;
        hashes[e] = h;
        int b = h & (buckets.length - 1);
        next[e] = buckets[b] - 1;
        buckets[b] = e + 1;
        size++;
        keyBytes += arrayBytes(key.length);
        return e;
    }

    /**
     * Removes {@code key}.
     *
     * @param key the key's bytes
     * @return the removed entry's value (null if absent or stored as null); use {@link #find} first to tell them apart
     */
    public V remove(byte[] key) {
        int e = find(key);
        if (e < 0) return null;
        V v = value(e);
        removeEntry(e);
        return v;
    }

    /**
     * Removes the entry {@code e}.
     *
     * @param e an entry index from {@link #find} or a walk
     */
    public void removeEntry(int e) {
        int b = hashes[e] & (buckets.length - 1);
        int prev = -1;
        for (int x = buckets[b] - 1; x != e; x = next[x]) prev = x;
        if (prev < 0) buckets[b] = next[e] + 1;
        else next[prev] = next[e];
        keyBytes -= arrayBytes(keys[e].length);
        keys[e] = null;
        values[e] = null;
        next[e] = freeList;
        freeList = e;
        size--;
        if (buckets.length > MIN_BUCKETS && size < buckets.length / 8) rehash(Math.max(MIN_BUCKETS, tableFor(size)));
    }

    /**
     * The key of entry {@code e}.
     *
     * @param e a live entry index
     * @return the key's array itself (do not change it)
     */
    public byte[] key(int e) {
        return keys[e];
    }

    /**
     * The value of entry {@code e}.
     *
     * @param e a live entry index
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public V value(int e) {
        return (V) values[e];
    }

    /**
     * Replaces the value of entry {@code e}.
     *
     * @param e a live entry index
     * @param value the new value
     */
    public void value(int e, V value) {
        values[e] = value;
    }

    /**
     * Calls {@code action} with every live entry index, in table order. The action must not change the table.
     *
     * @param action receives entry indexes
     */
    public void forEach(IntConsumer action) {
        for (int b = 0; b < buckets.length; b++) {
            for (int e = buckets[b] - 1; e >= 0; e = next[e]) action.accept(e);
        }
    }

    /**
     * A live entry chosen at random: a random non-empty bucket, then a random entry of its chain (as Redis's
     * {@code dictGetFairRandomKey} approximates fairness).
     *
     * @param random the source of randomness
     * @return an entry index, or -1 if the table is empty
     */
    public int randomEntry(RandomGenerator random) {
        if (size == 0) return -1;
        int mask = buckets.length - 1;
        int b = random.nextInt(buckets.length);
        while (buckets[b] == 0) b = (b + 1) & mask;
        int n = 0;
        for (int e = buckets[b] - 1; e >= 0; e = next[e]) n++;
        int e = buckets[b] - 1;
        for (int skip = random.nextInt(n); skip > 0; skip--) e = next[e];
        return e;
    }

    /**
     * A live entry chosen uniformly at random, for SPOP and SRANDMEMBER (whose chi-square checks in Redis's own test suite
     * want every member equally likely; picking a bucket, then an entry of its chain, favours short chains). An index is
     * drawn among all the entries ever handed out, and drawn again if it was freed: exactly uniform, and, since the
     * entry arrays are kept at least a quarter live, under four draws on average. When removals left them sparser, the
     * live entries are first moved down to the start of the arrays ({@link #compact}): the indexes change, so a caller
     * takes indexes only from calls made after it (no memory is given back, so {@link #memoryBytes} stays the same).
     *
     * @param random the source of randomness
     * @return an entry index, or -1 if the table is empty
     */
    public int fairRandomEntry(RandomGenerator random) {
        if (size == 0) return -1;
        if ((long) size * 4 < used) compact();
        while (true) {
            int e = random.nextInt(used);
            if (keys[e] != null) return e;
        }
    }

    // Moves the live entries to indexes 0 .. size - 1, in order, and links the buckets again: O(entries), after at
    // least three quarters of them were removed, so O(1) per removal over time.
    private void compact() {
        int k = 0;
        for (int e = 0; e < used; e++) {
            if (keys[e] == null) continue;
            keys[k] = keys[e];
            values[k] = values[e];
            hashes[k] = hashes[e];
            k++;
        }
        for (int e = k; e < used; e++) {
            keys[e] = null;
            values[e] = null;
        }
        used = k;
        freeList = -1;
        Arrays.fill(buckets, 0);
        int mask = buckets.length - 1;
        for (int e = 0; e < k; e++) {
            int bucket = hashes[e] & mask;
            next[e] = buckets[bucket] - 1;
            buckets[bucket] = e + 1;
        }
    }

    /**
     * One step of HSCAN/SSCAN/ZSCAN: visits the entries of the bucket {@code cursor} names and returns the next cursor,
     * 0 when done. The cursor counts in reverse binary (the high bit of the bucket index increments first), so buckets
     * visited before a resize map to buckets that the rest of the walk skips: see {@code Store.scan} for the argument.
     *
     * @param cursor 0 to start, then what the last call returned
     * @param action receives the bucket's entry indexes; it must not change the table
     * @return the next cursor, 0 at the end
     */
    public long scan(long cursor, IntConsumer action) {
        long mask = buckets.length - 1;
        for (int e = buckets[(int) (cursor & mask)] - 1; e >= 0; e = next[e]) action.accept(e);
        // Set the bits above the mask, add one to the reversed cursor, reverse back: Redis's dictScan step.
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }

    /**
     * An estimate of the heap this table takes: its arrays and its keys (each a {@code byte[]}: a 16-byte header and
     * the bytes rounded up to 8). Values are the owner's to count.
     *
     * @return bytes
     */
    public long memoryBytes() {
        return 16L * 5 + 4L * buckets.length + 20L * keys.length + keyBytes;
    }

    /**
     * The heap size of a {@code byte[]} of {@code length} bytes: a 16-byte header, rounded up to 8 bytes.
     *
     * @param length the array's length
     * @return bytes
     */
    public static long arrayBytes(int length) {
        return (16L + length + 7) & ~7L;
    }

    private static int tableFor(int size) {
        int n = MIN_BUCKETS;
        while (n < size) n <<= 1;
        return n;
    }

    private void grow() {
        int n = keys.length * 2;
        keys = Arrays.copyOf(keys, n);
        values = Arrays.copyOf(values, n);
        hashes = Arrays.copyOf(hashes, n);
        next = Arrays.copyOf(next, n);
    }

    // Moves every entry to a table of n buckets: only ints move, the cached hashes say where.
    private void rehash(int n) {
        int[] fresh = new int[n];
        for (int b = 0; b < buckets.length; b++) {
            for (int e = buckets[b] - 1; e >= 0; ) {
                int following = next[e];
                int nb = hashes[e] & (n - 1);
                next[e] = fresh[nb] - 1;
                fresh[nb] = e + 1;
                e = following;
            }
        }
        buckets = fresh;
    }
}
