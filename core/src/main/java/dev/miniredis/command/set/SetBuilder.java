package dev.miniredis.command.set;

import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.db.types.MemberSet;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.protocol.RespWriter;

/**
 * A set being computed (SINTERSTORE, SUNION, SDIFF, SPOP's "keep the rest"), built the way Redis builds its
 * {@code dstset}: it starts as an empty intset and goes through the same {@code setTypeAdd} conversions as SADD, so the
 * stored result has the encoding Redis would give it ({@code SUNIONSTORE} of two hash table sets of integers is an
 * intset) and the reply's order matches Redis's wherever Redis's order is defined (ascending, for an intset).
 *
 * <p>Members added as arrays are kept, not copied: they are either copies already or members of a stored set, which
 * are never changed in place, so two sets may share them.
 */
final class SetBuilder {
    private final long maxIntsetEntries;
    private byte[] ints = new byte[64];
    private int length = IntSet.init(ints);
    private MemberSet heap;

    SetBuilder(long maxIntsetEntries) {
        this.maxIntsetEntries = maxIntsetEntries;
    }

    void addLong(long value) {
        if (heap != null) {
            heap.add(Numbers.toBytes(value));
            return;
        }
        int need = IntSet.capacityForAdd(ints, length);
        if (need > ints.length) ints = java.util.Arrays.copyOf(ints, Math.max(need, ints.length * 2));
        int grown = IntSet.add(ints, length, value);
        if (grown == length) return;
        length = grown;
        if (IntSet.count(ints, length) > maxIntsetEntries) heap = Sets.toHeap(ints, length);
    }

    void add(byte[] member) {
        if (heap == null) {
            if (IntSet.isInteger(member)) {
                addLong(IntSet.parse(member));
                return;
            }
            heap = Sets.toHeap(ints, length);
        }
        heap.add(member);
    }

    void remove(byte[] member) {
        if (heap != null) {
            heap.remove(member);
        } else if (IntSet.isInteger(member)) {
            removeLong(IntSet.parse(member));
        }
    }

    void removeLong(long value) {
        if (heap != null) {
            heap.remove(Numbers.toBytes(value));
            return;
        }
        int at = IntSet.indexOf(ints, length, value);
        if (at >= 0) length = IntSet.removeAt(ints, length, at);
    }

    int size() {
        return heap != null ? heap.size() : IntSet.count(ints, length);
    }

    /**
     * Stores the result under {@code key}, replacing whatever it held; an empty result deletes the key instead.
     *
     * @param keepDeadline true to keep a live key's deadline (SPOP rewriting its own set, Redis's dbOverwrite); false
     *                     for the *STORE commands, whose destination is a new value without one (Redis's setKey)
     * @return true if the keyspace changed: the result stored, or an existing key deleted (what decides whether a
     *         *STORE command publishes its event, or "del", or nothing)
     */
    boolean store(Db db, byte[] key, long now, boolean keepDeadline) {
        if (size() == 0) return db.delete(key, now);
        long a = heap != null ? db.putObject(key, Encoding.SET, heap, now)
                : db.putPacked(key, Encoding.SET_INTSET, ints, length, now);
        if (!keepDeadline) db.setDeadline(a, Db.PERSISTENT);
        return true;
    }

    /** The members as a RESP3 set (an array in RESP2): ascending for an intset, table order for a hash table. */
    void reply(RespWriter out) {
        out.set(size());
        if (heap == null) {
            for (int i = 0, n = IntSet.count(ints, length); i < n; i++) out.bulk(IntSet.get(ints, i));
        } else {
            MemberSet set = heap;
            set.forEach(e -> out.bulk(set.member(e)));
        }
    }
}
