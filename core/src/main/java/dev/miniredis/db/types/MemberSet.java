package dev.miniredis.db.types;

import dev.miniredis.db.HeapValue;

import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * A big set, or any set holding a member that is not an integer: Redis's {@code hashtable} set encoding, a dict whose
 * values are all NULL. Here a {@link BytesMap} with null values, so a member costs its {@code byte[]} and the table's
 * four array slots, and no wrapper object.
 *
 * <p>Members are added as arrays the set keeps: callers hand over copies (a command's arguments are reused by the
 * parser for the next command). The methods that take an entry index ({@link #member}, {@link #removeEntry}) pair with
 * {@link #find}, {@link #forEach}, {@link #scan} and {@link #randomEntry}, so a command looks a member up once.
 *
 * <p>Loop thread only; the keyspace owns it once stored, and a command that changes it calls {@code Db.resized}.
 */
public final class MemberSet implements HeapValue {
    private final BytesMap<Object> map = new BytesMap<>();

    /** An empty set. */
    public MemberSet() {
    }

    /**
     * Members held.
     *
     * @return the cardinality
     */
    public int size() {
        return map.size();
    }

    /**
     * Adds a member.
     *
     * @param member the member's bytes, kept (not copied) if they were absent
     * @return true if it was new
     */
    public boolean add(byte[] member) {
        if (map.find(member) >= 0) return false;
        map.add(member, null);
        return true;
    }

    /**
     * Adds a copy of {@code member} if it is absent: what SADD does with an argument, which the parser may reuse.
     *
     * @param member the bytes, copied only if they are new
     * @return true if it was new
     */
    public boolean addCopy(byte[] member) {
        if (map.find(member) >= 0) return false;
        map.add(member.clone(), null);
        return true;
    }

    /**
     * Whether {@code member} is present.
     *
     * @param member the bytes
     * @return true if present
     */
    public boolean contains(byte[] member) {
        return map.find(member) >= 0;
    }

    /**
     * Whether {@code s[off .. off + len)} is a member.
     *
     * @param s holds the bytes
     * @param off where they start
     * @param len how many
     * @return true if present
     */
    public boolean contains(byte[] s, int off, int len) {
        return map.find(s, off, len) >= 0;
    }

    /**
     * The entry of {@code member}, or -1.
     *
     * @param member the bytes
     * @return an entry index, valid until the next change
     */
    public int find(byte[] member) {
        return map.find(member);
    }

    /**
     * Removes a member.
     *
     * @param member the bytes
     * @return true if it was present
     */
    public boolean remove(byte[] member) {
        int e = map.find(member);
        if (e < 0) return false;
        map.removeEntry(e);
        return true;
    }

    /**
     * Removes the member at entry {@code e}.
     *
     * @param e a live entry index
     */
    public void removeEntry(int e) {
        map.removeEntry(e);
    }

    /**
     * The member at entry {@code e}.
     *
     * @param e a live entry index
     * @return the set's own array: do not change it
     */
    public byte[] member(int e) {
        return map.key(e);
    }

    /**
     * Calls {@code action} with every entry index, in table order; the action must not change the set.
     *
     * @param action receives entry indexes
     */
    public void forEach(IntConsumer action) {
        map.forEach(action);
    }

    /**
     * One SSCAN step: see {@link BytesMap#scan}.
     *
     * @param cursor 0 to start, then what the last call returned
     * @param action receives the entry indexes of one bucket
     * @return the next cursor, 0 at the end
     */
    public long scan(long cursor, IntConsumer action) {
        return map.scan(cursor, action);
    }

    /**
     * A random member's entry (SPOP, SRANDMEMBER), every member equally likely: see {@link BytesMap#fairRandomEntry}.
     *
     * @param random the source of randomness
     * @return an entry index, or -1 if the set is empty
     */
    public int randomEntry(RandomGenerator random) {
        return map.fairRandomEntry(random);
    }

    /**
     * The object header, the table and the members.
     *
     * @return bytes
     */
    @Override
    public HeapValue copy() {
        MemberSet copy = new MemberSet();
        // Member arrays are never changed in place, so the copy may share them: only the table is new.
        map.forEach(e -> copy.map.add(map.key(e), null));
        return copy;
    }

    @Override
    public long memoryBytes() {
        return 16 + map.memoryBytes();
    }
}
