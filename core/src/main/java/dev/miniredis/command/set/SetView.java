package dev.miniredis.command.set;

import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.db.types.MemberSet;
import dev.miniredis.protocol.Numbers;

/**
 * One source set of SINTER, SUNION or SDIFF, read-only, whichever its encoding: an intset copied out of its record
 * (the algebra commands read any number of keys, more than the store's four scratch slots) or the heap set itself.
 * Valid until the next write to the keyspace, so the *STORE commands compute their whole result before they store it.
 */
final class SetView {
    private final byte[] ints;      // an intset's bytes, or null
    private final int length;
    private final MemberSet heap;   // or the hash table set
    private final byte[] digits;    // a long's decimal bytes, to look an intset member up in a hash table

    private SetView(byte[] ints, MemberSet heap) {
        this.ints = ints;
        this.length = ints == null ? 0 : ints.length;
        this.heap = heap;
        this.digits = heap == null ? null : new byte[Numbers.MAX_LONG_DIGITS];
    }

    /**
     * Views of the sets under {@code keys[from .. to)}, null for a missing key. Every key is checked for its type
     * before any work, as Redis does: a WRONGTYPE anywhere wins over an empty result.
     */
    static SetView[] load(Db db, byte[][] keys, int from, int to, long now) {
        SetView[] views = new SetView[to - from];
        for (int i = from; i < to; i++) {
            // Redis 7.0 reads every source with lookupKeyRead, the *STORE commands' too: hits, misses and "keymiss".
            long a = Sets.requireSet(db, db.get(keys[i], now));
            if (a == Db.NIL) continue;
            views[i - from] = db.type(a) == Encoding.SET_INTSET
                    ? new SetView(db.value(a), null) : new SetView(null, Sets.heap(db, a));
        }
        return views;
    }

    boolean isIntset() {
        return ints != null;
    }

    int size() {
        return ints != null ? IntSet.count(ints, length) : heap.size();
    }

    /** The {@code i}-th integer of an intset view, ascending. */
    long intAt(int i) {
        return IntSet.get(ints, i);
    }

    /** The hash table of a non-intset view. */
    MemberSet heap() {
        return heap;
    }

    boolean contains(byte[] member) {
        if (ints == null) return heap.contains(member);
        return IntSet.isInteger(member) && IntSet.contains(ints, length, IntSet.parse(member));
    }

    boolean containsLong(long value) {
        if (ints != null) return IntSet.contains(ints, length, value);
        int n = Numbers.writeLong(value, digits, 0);
        return heap.contains(digits, 0, n);
    }
}
