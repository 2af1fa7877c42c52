package dev.miniredis.db.types;

import dev.miniredis.db.HeapValue;
import dev.miniredis.db.KeyHash;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * A big hash: Redis's {@code hashtable} encoding, which a hash becomes once it outgrows its packed form (more fields
 * than {@code hash-max-listpack-entries}, or a field or value longer than {@code hash-max-listpack-value}).
 *
 * <h2>One array per field</h2>
 * It is {@link BytesMap}'s design (chained buckets, entries in parallel arrays, the same reverse-binary SCAN cursor)
 * with one change that matters for memory: a field and its value share one {@code byte[]}, the field's bytes then the
 * value's, and a parallel {@code int[]} says where the field ends.
 * <pre>
 *   entries      [ "namealice" ][ "age42" ][ ... ]      one array per field: field bytes, then value bytes
 *   fieldLengths [     4       ][    3    ][ ... ]
 * </pre>
 * A {@code byte[]} costs a 16-byte header and rounds up to 8 bytes, so two arrays per field (a map of field to value)
 * would cost about 24 bytes more per field than one: for a million short fields that is the difference between using
 * more memory than Redis (whose {@code dictEntry} and two {@code sds} strings take about 72 bytes) and using less
 * (about 66 here, measured with 12-byte fields and 10-byte values). The price is that a new value means a new array
 * holding the field again: a copy of the field on every overwrite, short work next to the allocation itself. Nothing
 * is shared with the caller: every array passed in is copied, so callers may pass scratch arrays.
 *
 * <p>Resizing is all at once, as in {@link BytesMap} (only ints move: the hashes are cached). Loop thread only, like
 * the keyspace that owns it.
 */
public final class HashTable implements HeapValue {
    private static final int MIN_BUCKETS = 4;

    private int[] buckets = new int[MIN_BUCKETS];   // first entry of each chain, plus one (0: empty)
    private byte[][] entries = new byte[MIN_BUCKETS][];
    private int[] fieldLengths = new int[MIN_BUCKETS];
    private int[] hashes = new int[MIN_BUCKETS];
    private int[] next = new int[MIN_BUCKETS];      // the next entry of the chain (-1: the end), or of the free list
    private int used;                               // entries ever handed out: indexes at and above it are untouched
    private int freeList = -1;
    private int size;
    private long entryBytes;                        // the entry arrays' estimated heap size

    /**
     * Fields held.
     *
     * @return the number of fields
     */
    public int size() {
        return size;
    }

    /**
     * The entry of {@code field}, or -1.
     *
     * @param field the field's bytes
     * @return its entry index, valid until the next change
     */
    public int find(byte[] field) {
        return find(field, 0, field.length);
    }

    /**
     * The entry of the field {@code b[off .. off + len)}, or -1.
     *
     * @param b holds the field's bytes
     * @param off where they start
     * @param len how many
     * @return its entry index, valid until the next change
     */
    public int find(byte[] b, int off, int len) {
        int h = KeyHash.of(b, off, len);
        for (int e = buckets[h & (buckets.length - 1)] - 1; e >= 0; e = next[e]) {
            if (hashes[e] == h && fieldLengths[e] == len && Arrays.equals(entries[e], 0, len, b, off, off + len)) {
                return e;
            }
        }
        return -1;
    }

    /**
     * The array of entry {@code e}: its field is {@code [0, fieldLength(e))}, its value the rest.
     *
     * @param e a live entry index
     * @return the array itself (do not change it)
     */
    public byte[] entry(int e) {
        return entries[e];
    }

    /**
     * Where entry {@code e}'s field ends and its value starts.
     *
     * @param e a live entry index
     * @return the field's length in bytes
     */
    public int fieldLength(int e) {
        return fieldLengths[e];
    }

    /**
     * The length of entry {@code e}'s value.
     *
     * @param e a live entry index
     * @return bytes
     */
    public int valueLength(int e) {
        return entries[e].length - fieldLengths[e];
    }

    /**
     * Sets a field's value, adding the field if it is new. Both are copied.
     *
     * @param field the field's bytes
     * @param value the value's bytes
     * @return true if the field was new
     */
    public boolean put(byte[] field, byte[] value) {
        return put(field, 0, field.length, value, 0, value.length);
    }

    /**
     * Sets a field's value from parts of arrays (a packed hash's bytes, when it converts). Both are copied.
     *
     * @param f holds the field
     * @param fOff where it starts
     * @param fLen its length
     * @param v holds the value
     * @param vOff where it starts
     * @param vLen its length
     * @return true if the field was new
     */
    public boolean put(byte[] f, int fOff, int fLen, byte[] v, int vOff, int vLen) {
        byte[] entry = new byte[fLen + vLen];
        System.arraycopy(f, fOff, entry, 0, fLen);
        System.arraycopy(v, vOff, entry, fLen, vLen);
        int e = find(f, fOff, fLen);
        if (e >= 0) {
            entryBytes += BytesMap.arrayBytes(entry.length) - BytesMap.arrayBytes(entries[e].length);
            entries[e] = entry;
            return false;
        }
        add(entry, fLen, KeyHash.of(f, fOff, fLen));
        return true;
    }

    /**
     * Removes a field.
     *
     * @param field the field's bytes
     * @return true if it was there
     */
    public boolean remove(byte[] field) {
        int e = find(field);
        if (e < 0) return false;
        removeEntry(e);
        return true;
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
     * A live entry chosen uniformly at random: entry indexes below the high-water mark are drawn until one is live,
     * so every field has the same chance. When most of those indexes are free (the table held far more fields once),
     * it draws a random non-empty bucket and then a random entry of its chain instead, which is close to uniform.
     *
     * @param random the source of randomness
     * @return an entry index, or -1 if the table is empty
     */
    public int randomEntry(RandomGenerator random) {
        if (size == 0) return -1;
        if ((long) size * 4 >= used) {
            while (true) {
                int e = random.nextInt(used);
                if (entries[e] != null) return e;
            }
        }
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
     * One step of HSCAN: visits the entries of the bucket {@code cursor} names and returns the next cursor, 0 when
     * done; the reverse-binary cursor of {@link BytesMap#scan}, with the same guarantee across resizes.
     *
     * @param cursor 0 to start, then what the last call returned
     * @param action receives the bucket's entry indexes; it must not change the table
     * @return the next cursor, 0 at the end
     */
    public long scan(long cursor, IntConsumer action) {
        long mask = buckets.length - 1;
        for (int e = buckets[(int) (cursor & mask)] - 1; e >= 0; e = next[e]) action.accept(e);
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }

    /** A deep copy, for COPY: every entry array is copied, so changing one hash never shows in the other. */
    @Override
    public HeapValue copy() {
        HashTable copy = new HashTable();
        forEach(e -> copy.add(entries[e].clone(), fieldLengths[e], hashes[e]));
        return copy;
    }

    /** The tables (five slots per entry, one per bucket) and the entry arrays. */
    @Override
    public long memoryBytes() {
        return 16L * 7 + 4L * buckets.length + 20L * entries.length + entryBytes;
    }

    private void add(byte[] entry, int fieldLength, int h) {
        if (size >= buckets.length) rehash(buckets.length * 2);
        int e;
        if (freeList >= 0) {
            e = freeList;
            freeList = next[e];
        } else {
            if (used == entries.length) grow();
            e = used++;
        }
        entries[e] = entry;
        fieldLengths[e] = fieldLength;
        hashes[e] = h;
        int b = h & (buckets.length - 1);
        next[e] = buckets[b] - 1;
        buckets[b] = e + 1;
        size++;
        entryBytes += BytesMap.arrayBytes(entry.length);
    }

    private void removeEntry(int e) {
        int b = hashes[e] & (buckets.length - 1);
        int prev = -1;
        for (int x = buckets[b] - 1; x != e; x = next[x]) prev = x;
        if (prev < 0) buckets[b] = next[e] + 1;
        else next[prev] = next[e];
        entryBytes -= BytesMap.arrayBytes(entries[e].length);
        entries[e] = null;
        next[e] = freeList;
        freeList = e;
        size--;
        if (buckets.length > MIN_BUCKETS && size < buckets.length / 8) {
            int n = MIN_BUCKETS;
            while (n < size) n <<= 1;
            rehash(n);
        }
    }

    private void grow() {
        int n = entries.length * 2;
        entries = Arrays.copyOf(entries, n);
        fieldLengths = Arrays.copyOf(fieldLengths, n);
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
