package dev.miniredis.db;

/**
 * One key in the {@link Db}: its bytes, their hash (computed once), its value and its deadline, plus the link to the next
 * entry in the same hash bucket.
 *
 * <p>The entry is its own hash-table node, so a stored key costs one object here instead of a node, a key wrapper and a
 * value holder. Keys are compared by content ({@link Db#equalKeys}); they are never decoded as text, because that would
 * lose bytes.
 */
public final class Entry {
    /** The deadline of a key that never expires. Chosen so that {@code deadlineMillis <= now} needs no special case. */
    public static final long PERSISTENT = Long.MAX_VALUE;
    /** Set on removal, so an expiry-queue item that still points here is recognised as stale. */
    static final long REMOVED = Long.MIN_VALUE;

    final byte[] key;
    final int hash;
    Object value;
    long deadlineMillis;
    Entry next;

    Entry(byte[] key, int hash, Object value, Entry next) {
        this.key = key;
        this.hash = hash;
        this.value = value;
        this.deadlineMillis = PERSISTENT;
        this.next = next;
    }

    /**
     * The key's bytes.
     *
     * @return the stored array itself: do not modify it
     */
    public byte[] key() {
        return key;
    }

    /**
     * A {@code byte[]} for a string; other types may come later.
     *
     * @return the current value
     */
    public Object value() {
        return value;
    }

    /**
     * Replaces the value in place. The deadline is left alone; see {@link Db#setDeadline}.
     *
     * @param newValue the value to store
     */
    public void value(Object newValue) {
        this.value = newValue;
    }

    /**
     * Absolute epoch milliseconds, or {@link #PERSISTENT}.
     *
     * @return the key's deadline
     */
    public long deadlineMillis() {
        return deadlineMillis;
    }

    /**
     * True if the key has no deadline.
     *
     * @return whether the deadline is {@link #PERSISTENT}
     */
    public boolean isPersistent() {
        return deadlineMillis == PERSISTENT;
    }
}
