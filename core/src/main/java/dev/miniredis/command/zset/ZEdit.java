package dev.miniredis.command.zset;

import dev.miniredis.db.Db;
import dev.miniredis.db.Encoding;
import dev.miniredis.db.types.Listpack;
import dev.miniredis.db.types.PackedZSet;
import dev.miniredis.db.types.SkipList;

import java.util.Arrays;

/**
 * One write command's changes to one sorted set, in whichever encoding it has, and the moment it converts.
 *
 * <pre>
 *   open / create  -&gt;  find, add, update, remove ...  -&gt;  commit
 *   packed: a copy of the record's bytes in scratch slot 0, edited there, written back by commit
 *   skip list: the heap object itself, edited in place; commit reports the new size (Db.resized)
 * </pre>
 * A packed set converts the moment an addition would pass {@code zset-max-listpack-entries} or bring a member longer
 * than {@code zset-max-listpack-value}, checked before each addition as Redis's {@code zsetAdd} does; the rest of the
 * command then works on the skip list, and commit stores it in place of the pack. It never converts back (Redis 7.0
 * does not either). Commit deletes the key if the set ended up empty.
 */
final class ZEdit {
    private final Db db;
    private final byte[] key;
    private final long now;
    private final long address;  // Db.NIL for a set this command creates
    private byte[] b;            // the pack, or null once on the skip list
    private int length;
    private SkipList z;
    private boolean newObject;   // z is not in the keyspace yet
    private boolean changed;

    // What the last find() found.
    private int foundPos;
    private SkipList.Node foundNode;
    private double foundScore;

    private ZEdit(Db db, byte[] key, long now, long address) {
        this.db = db;
        this.key = key;
        this.now = now;
        this.address = address;
    }

    /**
     * Opens the sorted set at {@code key} for changes.
     *
     * @return the edit, or null if there is no such key (WRONGTYPE if it is not a sorted set)
     */
    static ZEdit open(Db db, byte[] key, long now) {
        long a = db.lookup(key, now);
        if (!ZSets.exists(db, a)) return null;
        ZEdit e = new ZEdit(db, key, now, a);
        if (ZSets.packed(db, a)) {
            e.b = db.readPacked(a, ZSets.SLOT);
            e.length = db.valueLength(a);
        } else {
            e.z = ZSets.skipList(db, a);
        }
        return e;
    }

    /**
     * Starts a new, empty sorted set at {@code key} (absent), packed unless the limits say otherwise for its first
     * member: Redis 7.0 creates a skip list at once when {@code zset-max-listpack-entries} is 0 or the first member is
     * too long.
     */
    static ZEdit create(Db db, byte[] key, long now, int firstMemberLength) {
        ZEdit e = new ZEdit(db, key, now, Db.NIL);
        if (db.limits().zsetMaxListpackEntries == 0 || firstMemberLength > db.limits().zsetMaxListpackValue) {
            e.z = new SkipList();
            e.newObject = true;
        } else {
            e.b = db.scratch(ZSets.SLOT, 256);
            e.length = Listpack.init(e.b);
        }
        e.changed = true;
        return e;
    }

    int size() {
        return b != null ? PackedZSet.size(b) : z.size();
    }

    /** Looks {@code member} up; true if present, and then {@link #foundScore} is its score. */
    boolean find(byte[] member) {
        if (b != null) {
            foundPos = PackedZSet.find(b, length, member);
            if (foundPos < 0) return false;
            foundScore = PackedZSet.score(b, Listpack.next(b, foundPos));
            return true;
        }
        foundNode = z.find(member);
        if (foundNode == null) return false;
        foundScore = foundNode.score();
        return true;
    }

    double foundScore() {
        return foundScore;
    }

    /** Changes the score of the member {@link #find} found. */
    void updateFound(byte[] member, double score) {
        changed = true;
        if (b != null) {
            length = PackedZSet.remove(b, length, foundPos);
            b = db.scratch(ZSets.SLOT, length + PackedZSet.addedBytes(member.length)); // the score may need more bytes
            length = PackedZSet.insert(b, length, member, score);
        } else {
            foundNode = z.update(foundNode, score);
        }
    }

    /** Removes the member {@link #find} found. */
    void removeFound() {
        changed = true;
        if (b != null) length = PackedZSet.remove(b, length, foundPos);
        else z.remove(foundNode);
    }

    /** Adds a member {@link #find} did not find, converting to a skip list first if the pack would pass the limits. */
    void add(byte[] member, double score) {
        changed = true;
        if (b != null) {
            if (!ZSets.fitsPacked(db.limits(), size() + 1L, member.length)) {
                z = ZSets.toSkipList(b, length);
                b = null;
                newObject = true;
            } else {
                b = db.scratch(ZSets.SLOT, length + PackedZSet.addedBytes(member.length));
                length = PackedZSet.insert(b, length, member, score);
                return;
            }
        }
        z.insert(Arrays.copyOf(member, member.length), score); // the skip list keeps it: a copy of the argument
    }

    /** Removes the elements of ranks {@code [from, to)}. */
    void removeRanks(int from, int to) {
        if (to <= from) return;
        changed = true;
        if (b != null) length = PackedZSet.removeRanks(b, length, PackedZSet.seek(b, from), to - from);
        else z.removeRanks(from, to);
    }

    /** True while packed; then {@link #pack()} is the bytes. */
    boolean isPacked() {
        return b != null;
    }

    byte[] pack() {
        return b;
    }

    SkipList skipList() {
        return z;
    }

    /** Writes the changes back to the keyspace; deletes the key if the set is now empty. */
    void commit() {
        if (!changed) return;
        if (size() == 0) {
            if (address != Db.NIL) db.delete(address);
            return;
        }
        if (b != null) db.putPacked(key, Encoding.ZSET_PACKED, b, length, now);
        else if (newObject) db.putObject(key, Encoding.ZSET, z, now);
        else db.resized(address);
    }
}
