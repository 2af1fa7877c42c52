package dev.miniredis.db;

/**
 * The events only the keyspace itself sees, for keyspace notifications: a key came into being, expired, was evicted,
 * or a read missed it. (Every other event is a command's, and the command reports it.) The listener says what it
 * wants, so that a server without notifications never copies a key out of its record for nobody.
 */
public interface KeyEvents {
    /** A key came into being (Redis's "new", reported before the command's own event). */
    int NEW = 0;
    /** A key's deadline passed and it was removed, lazily or actively ("expired"). */
    int EXPIRED = 1;
    /** A key was evicted under maxmemory ("evicted"). */
    int EVICTED = 2;
    /** A read found no key ("keymiss"). */
    int KEY_MISS = 3;

    /**
     * Whether the listener wants this kind of event now.
     *
     * @param event {@link #NEW}, {@link #EXPIRED}, {@link #EVICTED} or {@link #KEY_MISS}
     * @return true to be told
     */
    boolean wants(int event);

    /**
     * The event happened (after the change).
     *
     * @param event what happened
     * @param db the database
     * @param key holds the key's bytes from index 0; valid only during the call
     * @param length how many
     */
    void happened(int event, Db db, byte[] key, int length);
}
