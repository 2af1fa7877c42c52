package dev.miniredis.command.set;

import dev.miniredis.command.CommandError;
import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.IntSet;
import dev.miniredis.db.types.MemberSet;
import dev.miniredis.protocol.Numbers;
import dev.miniredis.protocol.RespWriter;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Helpers shared by the set commands: the type check, and the few operations that must look the same whichever of the
 * two encodings a set has.
 *
 * <pre>
 *   SET_INTSET   all members integers, at most set-max-intset-entries: an {@link IntSet} packed in the record
 *   SET          anything else: a {@link MemberSet} on the heap, the record holds its handle
 * </pre>
 *
 * A set starts as an intset if its first member is an integer, and converts to a hash table, once and for good, when a
 * member that is not an integer arrives or the count passes the limit: Redis's {@code setTypeAdd}. Redis 7.0 never
 * converts back, even when the set shrinks or loses its last string member, and neither do we.
 *
 * <p>An intset is read by copying the record's bytes into one of the store's scratch arrays ({@link Db#readPacked}):
 * at most 4 KB at the default limit, and no garbage. Slot 0 is for the key a command changes, slot 1 for a second key.
 */
final class Sets {
    private Sets() {
    }

    /** Randomness for SPOP and SRANDMEMBER: one generator per thread, no lock and no garbage. */
    static RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    /**
     * Checks that the record at {@code a} holds a set: WRONGTYPE otherwise. {@link Db#NIL} passes.
     */
    static long requireSet(Db db, long a) {
        if (a != Db.NIL) {
            byte t = db.type(a);
            if (t != Encoding.SET_INTSET && t != Encoding.SET) throw CommandError.WRONG_TYPE;
        }
        return a;
    }

    /** The set on the heap at {@code a}, whose type is {@link Encoding#SET}. */
    static MemberSet heap(Db db, long a) {
        return (MemberSet) db.object(a);
    }

    /** The cardinality of the set at {@code a}. */
    static int size(Db db, long a) {
        if (db.type(a) == Encoding.SET_INTSET) {
            return (db.valueLength(a) - IntSet.HEADER_BYTES) / width(db, a);
        }
        return heap(db, a).size();
    }

    // The width byte of an intset record, without copying the rest.
    private static int width(Db db, long a) {
        byte[] b = db.scratch(3, IntSet.HEADER_BYTES);
        db.copyValue(a, b, 0, IntSet.HEADER_BYTES);
        return IntSet.width(b);
    }

    /** Whether {@code member} is in the set at {@code a}, reading an intset through scratch slot {@code slot}. */
    static boolean contains(Db db, long a, byte[] member, int slot) {
        if (db.type(a) == Encoding.SET) return heap(db, a).contains(member);
        if (!IntSet.isInteger(member)) return false; // an intset holds nothing else
        return IntSet.contains(db.readPacked(a, slot), db.valueLength(a), IntSet.parse(member));
    }

    /** The conversion: every integer of an intset as its decimal bytes in a new hash table set. */
    static MemberSet toHeap(byte[] ints, int length) {
        MemberSet set = new MemberSet();
        for (int i = 0, n = IntSet.count(ints, length); i < n; i++) set.add(Numbers.toBytes(IntSet.get(ints, i)));
        return set;
    }

    /**
     * Adds one member to the set under {@code key} (absent, or a set as the caller checked), creating it as Redis's
     * {@code setTypeCreate} would: an intset if the member is an integer. SMOVE's second half.
     *
     * @return true if the member was new
     */
    static boolean addOne(Db db, byte[] key, byte[] member, long now) {
        long a = db.lookup(key, now);
        boolean integer = IntSet.isInteger(member);
        if (a != Db.NIL && db.type(a) == Encoding.SET) {
            boolean added = heap(db, a).addCopy(member);
            if (added) db.resized(a);
            return added;
        }
        if (a == Db.NIL && !integer) {
            MemberSet set = new MemberSet();
            set.addCopy(member);
            db.putObject(key, Encoding.SET, set, now);
            return true;
        }
        byte[] ints;
        int length;
        if (a == Db.NIL) {
            ints = db.scratch(0, IntSet.HEADER_BYTES);
            length = IntSet.init(ints);
        } else {
            ints = db.readPacked(a, 0);
            length = db.valueLength(a);
        }
        if (!integer) {
            MemberSet set = toHeap(ints, length);
            set.addCopy(member);
            db.putObject(key, Encoding.SET, set, now);
            return true;
        }
        ints = db.scratch(0, IntSet.capacityForAdd(ints, length));
        int grown = IntSet.add(ints, length, IntSet.parse(member));
        if (grown == length) return false;
        if (IntSet.count(ints, grown) > db.limits().setMaxIntsetEntries) {
            db.putObject(key, Encoding.SET, toHeap(ints, grown), now);
        } else {
            db.putPacked(key, Encoding.SET_INTSET, ints, grown, now);
        }
        return true;
    }

    /**
     * Removes one member from the set at {@code a} (of key {@code key}), deleting the key if it empties.
     *
     * @return true if the member was there
     */
    static boolean removeOne(Db db, byte[] key, long a, byte[] member, long now) {
        if (db.type(a) == Encoding.SET) {
            MemberSet set = heap(db, a);
            if (!set.remove(member)) return false;
            if (set.size() == 0) db.delete(a);
            else db.resized(a);
            return true;
        }
        if (!IntSet.isInteger(member)) return false;
        byte[] ints = db.readPacked(a, 0);
        int length = db.valueLength(a);
        int at = IntSet.indexOf(ints, length, IntSet.parse(member));
        if (at < 0) return false;
        length = IntSet.removeAt(ints, length, at);
        if (IntSet.count(ints, length) == 0) db.delete(a);
        else db.putPacked(key, Encoding.SET_INTSET, ints, length, now);
        return true;
    }

    /** Every member of the set at {@code a} as a RESP3 set (an array in RESP2), straight from the stored form. */
    static void replyAll(RespWriter out, Db db, long a) {
        if (db.type(a) == Encoding.SET_INTSET) {
            byte[] ints = db.readPacked(a, 0);
            int n = IntSet.count(ints, db.valueLength(a));
            out.set(n);
            for (int i = 0; i < n; i++) out.bulk(IntSet.get(ints, i)); // intsets answer in ascending order, as Redis's
            return;
        }
        MemberSet set = heap(db, a);
        out.set(set.size());
        set.forEach(e -> out.bulk(set.member(e)));
    }
}
