package dev.miniredis.db;

/**
 * One key in the {@link Db}: its bytes, its value, and the link to the next entry in the same hash bucket. A key with a
 * deadline is an {@link ExpiringEntry}, which adds the deadline.
 *
 * <p>The entry is its own hash-table node, so a stored key costs one object here instead of a node, a key wrapper and a
 * value holder. Every field is there because a million keys pay for it a million times: with compressed references
 * this object is 24 bytes (a 12-byte header and three 4-byte references). Storing the deadline in every entry, or the
 * key's hash, would make it 32 or 40; so the hash is recomputed when the table resizes, and only keys that have a
 * deadline carry one. Keys are compared by content ({@link Db#equalKeys}); they are never decoded as text, because that
 * would lose bytes.
 */
public sealed class Entry permits ExpiringEntry {
    /** The deadline of a key that never expires. Chosen so that {@code deadlineMillis <= now} needs no special case. */
    public static final long PERSISTENT = Long.MAX_VALUE;
    /** Set on removal, so an expiry-queue item that still points here is recognised as stale. */
    static final long REMOVED = Long.MIN_VALUE;

    final byte[] key;
    Object value;
    Entry next;

    Entry(byte[] key, Object value, Entry next) {
        this.key = key;
        this.value = value;
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
        return PERSISTENT; // an ExpiringEntry overrides this
    }

    /**
     * True if the key has no deadline.
     *
     * @return whether the deadline is {@link #PERSISTENT}
     */
    public boolean isPersistent() {
        return deadlineMillis() == PERSISTENT;
    }
}
