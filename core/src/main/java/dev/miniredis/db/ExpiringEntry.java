package dev.miniredis.db;

/**
 * An {@link Entry} whose key has a deadline: 8 bytes more, paid only by keys that can expire. The {@link Db} swaps a
 * plain entry for one of these the first time the key gets a deadline (EXPIRE, SET ... EX) and keeps it afterwards, even
 * if PERSIST takes the deadline away again.
 */
final class ExpiringEntry extends Entry {
    /** Absolute epoch milliseconds; {@link Entry#PERSISTENT} after PERSIST; {@link Entry#REMOVED} once deleted. */
    long deadline;

    ExpiringEntry(byte[] key, Object value, Entry next, long deadline) {
        super(key, value, next);
        this.deadline = deadline;
    }

    @Override
    public long deadlineMillis() {
        return deadline;
    }
}
