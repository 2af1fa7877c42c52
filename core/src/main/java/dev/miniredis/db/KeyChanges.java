package dev.miniredis.db;

/**
 * Who hears that a key changed: Redis's {@code signalModifiedKey} and {@code touchAllWatchedKeysInDb}, the one choke
 * point every write to a database passes. WATCH listens here today (a watched key that changes makes EXEC fail);
 * keyspace notifications, blocked clients and client-side caching are the same kind of listener.
 *
 * <p>A {@link Db} calls it only while {@link Db#watched} says someone listens to that database, so an unwatched server
 * pays one boolean test per write. Loop thread only.
 */
public interface KeyChanges {
    /**
     * A key was written, deleted (by a command, expiry or eviction), given or cleared a deadline, or changed in place.
     * Called before or after the change, never in the middle of it; it must not change the keyspace.
     *
     * @param db the database
     * @param key holds the key's bytes from index 0; valid only during the call
     * @param length how many bytes
     */
    void modified(Db db, byte[] key, int length);

    /**
     * A database is about to be emptied (FLUSHDB, FLUSHALL; {@code replacedWith} null) or to trade contents with
     * another (SWAPDB): every key that exists in either now, or will after, counts as modified. Called before the change.
     *
     * @param emptied the database that loses its keys
     * @param replacedWith the database whose keys it gets, or null
     */
    void replaced(Db emptied, Db replacedWith);
}
